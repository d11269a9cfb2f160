"""What the recevabilité holds of a person: the candidate's profile, requests, periods,
proofs (files) and the comments on them; the comments an accompagnateur wrote on another's
request; the requests' cached PDFs."""

from __future__ import annotations

from livrets.recevabilite.models import (
    CandidateProfile,
    NationalForm,
    Proof,
    RecevabiliteRequest,
    RequestComment,
)
from livrets.recevabilite.selectors import PROFILE_FIELDS
from portal.accounts.personal_data import iso as _iso
from portal.accounts.personal_data import person
from portal.accounts.registry import PersonalData, Section, StoredFile, register


def _comment(c: RequestComment) -> dict:
    return {
        "demande": c.request_id,
        "auteur": person(c.author),
        "partie": c.get_part_display(),
        "texte": c.body,
        "avis": c.get_opinion_display(),
        "le": _iso(c.created_at),
    }


def proof_archive_name(proof) -> str:
    return f"fichiers/recevabilite-{proof.request_id}/{proof.pk}-{proof.name}"


def national_form_archive_name(form) -> str:
    return f"fichiers/recevabilite-{form.request_id}/formulaire-national-{form.name}"


def _national_form(rq) -> dict | None:
    form = getattr(rq, "national_form", None)
    if form is None:
        return None
    return {
        "nom": form.name,
        "taille": form.size,
        "depose_le": _iso(form.uploaded_at),
        "fichier": national_form_archive_name(form),
    }


def _profile(profile) -> dict | None:
    if profile is None:
        return None
    data = {
        k: (_iso(getattr(profile, k)) if k == "naissance_date" else getattr(profile, k))
        for k in PROFILE_FIELDS
    }
    data["modifie_le"] = _iso(profile.updated_at)
    return data


def _period(p) -> dict:
    return {
        "id": p.pk,
        "position": p.position,
        "type": p.kind,
        "intitule": p.title,
        "employeur": p.employer,
        "secteur": p.sector,
        "statut": p.status,
        "debut": _iso(p.start),
        "fin": _iso(p.end),
        "en_cours": p.current,
        "quotite": p.part_time_percent,
        "heures_par_semaine": str(p.weekly_hours) if p.weekly_hours else None,
        "heures_au_total": p.total_hours,
        "en_lien": p.related,
        "activites": p.activities,
    }


def _proof(d) -> dict:
    return {
        "nom": d.name,
        "periode": d.period_id,
        "type": d.kind,
        "taille": d.size,
        "depose_le": _iso(d.uploaded_at),
        "fichier": proof_archive_name(d),
    }


def _request(rq) -> dict:
    return {
        "id": rq.pk,
        "cqp": rq.cqp.slug,
        "intitule": rq.referential_version.title,
        "statut": rq.get_status_display(),
        "candidature": str(rq.candidature.public_id),
        "cree_le": _iso(rq.created_at),
        "modifie_le": _iso(rq.updated_at),
        "finalise_le": _iso(rq.finalised_at),
        # The national form's first part (000, 004); blank for a certifier's own form.
        "certification_visee": {
            "type_de_validation": rq.validation_sought,
            "type_de_validation_libelle": rq.get_validation_sought_display(),
            "blocs_deja_detenus": rq.blocks_held,
        },
        "parcours": rq.career,
        "derniere_classe": rq.last_class,
        "diplomes": rq.diplomas,
        "intitules_des_diplomes": rq.diploma_details,
        "demandes_vae_cette_annee": rq.other_requests_this_year,
        "declaration": {"nom": rq.sworn_name, "lieu": rq.sworn_place, "date": _iso(rq.sworn_on)},
        "suivi": {
            "envoyee_le": _iso(rq.candidature.request_sent_on),
            "recue_le": _iso(rq.candidature.request_received_on),
            "decision": rq.candidature.decision,
            "decision_le": _iso(rq.candidature.decision_on),
            "ecarts": rq.gap_units,
            "ecarts_note": rq.gap_note,
        },
        "periodes": [_period(p) for p in rq.periods.all()],
        "pieces": [_proof(d) for d in rq.proofs.all()],
        "formulaire_national_rempli": _national_form(rq),
        "commentaires": [_comment(c) for c in rq.comments.all()],
    }


def _sections(user) -> list[Section]:
    requests = (
        RecevabiliteRequest.objects.filter(owner=user)
        .select_related("cqp", "referential_version", "candidature", "national_form")
        .prefetch_related("periods", "proofs", "comments__author")
        .order_by("pk")
    )
    written = (
        RequestComment.objects.filter(author=user)
        .exclude(request__owner=user)
        .select_related("author")
        .order_by("pk")
    )
    return [
        Section(
            "profil",
            "Mon profil de candidat",
            _profile(CandidateProfile.objects.filter(user=user).first()),
        ),
        Section(
            "demandes_de_recevabilite",
            "Mes demandes de recevabilité",
            [_request(rq) for rq in requests],
        ),
        Section(
            "commentaires_de_recevabilite_ecrits",
            "Mes commentaires sur les demandes de recevabilité que j'accompagne",
            [_comment(c) for c in written],
        ),
    ]


class Recevabilite(PersonalData):
    label = "recevabilite"
    held = (
        "Vos demandes de recevabilité (livret 1) : identité, coordonnées, périodes "
        "d’expérience, formation, pièces jointes, commentaires."
    )
    purpose = "Préparer le dossier que vous enverrez au certificateur."
    readers = "Vous et l’accompagnateur que vous invitez."
    order = 20
    models = (
        "recevabilite.CandidateProfile",
        "recevabilite.RecevabiliteRequest",
        "recevabilite.RequestComment",
        "recevabilite.NationalForm",
    )
    # Writing one's request is using the portal (retention).
    activity = ("recevabiliterequests__updated_at",)

    def sections(self, user) -> list[Section]:
        return _sections(user)

    def files(self, user):
        for proof in Proof.objects.filter(request__owner=user).order_by("pk"):
            yield StoredFile(proof_archive_name(proof), proof.file)
        for form in NationalForm.objects.filter(request__owner=user).order_by("pk"):
            yield StoredFile(national_form_archive_name(form), form.file)

    def erase(self, user) -> None:
        from livrets.recevabilite.services import delete_files_of

        delete_files_of(user)

    def cached_pdfs(self, user):
        return [
            f"recevabilite:{public_id}"
            for public_id in RecevabiliteRequest.objects.filter(owner=user).values_list(
                "public_id", flat=True
            )
        ]


register(Recevabilite())
