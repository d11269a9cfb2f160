"""The candidate's profile, recevabilité requests and proofs, for the data export."""

from __future__ import annotations

from livrets.recevabilite.models import CandidateProfile, RecevabiliteRequest
from livrets.recevabilite.selectors import PROFILE_FIELDS


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def proof_archive_name(proof) -> str:
    return f"fichiers/recevabilite-{proof.request_id}/{proof.pk}-{proof.name}"


def export_data(user) -> dict:
    profile = CandidateProfile.objects.filter(user=user).first()
    requests = (
        RecevabiliteRequest.objects.filter(owner=user)
        .select_related("cqp", "referential_version", "candidature")
        .prefetch_related("periods", "proofs", "comments")
        .order_by("pk")
    )
    return {
        "profil": {
            k: (_iso(getattr(profile, k)) if k == "naissance_date" else getattr(profile, k))
            for k in PROFILE_FIELDS
        }
        if profile
        else None,
        "demandes_de_recevabilite": [
            {
                "id": rq.pk,
                "cqp": rq.cqp.slug,
                "intitule": rq.referential_version.title,
                "statut": rq.get_status_display(),
                "cree_le": rq.created_at.isoformat(),
                "finalise_le": rq.finalised_at.isoformat() if rq.finalised_at else None,
                "parcours": rq.career,
                "derniere_classe": rq.last_class,
                "diplomes": rq.diplomas,
                "intitules_des_diplomes": rq.diploma_details,
                "demandes_vae_cette_annee": rq.other_requests_this_year,
                "declaration": {
                    "nom": rq.sworn_name,
                    "lieu": rq.sworn_place,
                    "date": _iso(rq.sworn_on),
                },
                "suivi": {
                    "envoyee_le": _iso(rq.candidature.request_sent_on),
                    "recue_le": _iso(rq.candidature.request_received_on),
                    "decision": rq.candidature.decision,
                    "decision_le": _iso(rq.candidature.decision_on),
                    "ecarts": rq.gap_units,
                    "ecarts_note": rq.gap_note,
                },
                "periodes": [
                    {
                        "id": p.pk,
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
                    for p in rq.periods.all()
                ],
                "pieces": [
                    {
                        "nom": d.name,
                        "periode": d.period_id,
                        "taille": d.size,
                        "fichier": proof_archive_name(d),
                    }
                    for d in rq.proofs.all()
                ],
                "commentaires": [
                    {
                        "partie": c.part,
                        "texte": c.body,
                        "avis": c.opinion,
                        "le": c.created_at.isoformat(),
                    }
                    for c in rq.comments.all()
                ],
            }
            for rq in requests
        ],
    }


def files(user):
    """(archive name, proof) of every proof of the user's requests."""
    from livrets.recevabilite.models import Proof

    for proof in Proof.objects.filter(request__owner=user):
        yield proof_archive_name(proof), proof
