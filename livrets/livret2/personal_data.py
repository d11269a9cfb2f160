"""What the livrets 2 hold of their author: every livret with its answers, revisions,
situations and documents; its files; its cached PDF. The livret's own retention pass (an old
livret of an active account is deleted after a warning) is declared here too."""

from __future__ import annotations

from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest

from livrets.livret2.models import Livret
from livrets.livret2.pdf.export import slot_of
from livrets.livret2.quotas import documents_bytes
from portal.accounts.personal_data import iso
from portal.accounts.registry import PersonalData, Section, StoredFile, register


def archive_name(livret, document) -> str:
    return f"fichiers/livret-{livret.pk}/{document.pk}-{document.name}"


def _answer(a) -> dict:
    return {
        "partie": a.section_code,
        "situation": a.situation_id,
        "champ": a.field_key,
        "texte": a.text,
        "version": a.version,
        "modifie_le": iso(a.updated_at),
        "revisions": [
            {"version": r.version, "texte": r.text, "le": iso(r.created_at)}
            for r in a.revisions.all()
        ],
    }


def _livret(livret: Livret) -> dict:
    return {
        "id": livret.pk,
        "cqp": livret.cqp.slug,
        "candidature": str(livret.candidature.public_id),
        "intitule": livret.referential_version.title,
        "version_du_referentiel": livret.referential_version.referential.version_label or None,
        "version_du_livret": livret.number,
        "version_precedente": livret.previous_id,
        "statut": livret.get_status_display(),
        "parties_dispensees": list(livret.exempt_sections),
        "cree_le": iso(livret.created_at),
        "modifie_le": iso(livret.updated_at),
        "finalise_le": iso(livret.finalised_at),
        "depose_aupres_du_certificateur_le": iso(livret.deposited_on),
        "declaration": {
            "nom": livret.sworn_name,
            "date": iso(livret.sworn_on),
            "lieu": livret.sworn_place,
        },
        "parcours": {
            "demande_recevabilite": iso(livret.candidature.request_sent_on),
            "reception_demande_recevabilite": iso(livret.candidature.request_received_on),
            "notification_recevabilite": iso(livret.candidature.notified_on),
            "session_jury": iso(livret.candidature.jury_on),
        },
        "situations": [
            {
                "id": s.pk,
                "partie": s.section_code,
                "position": s.position,
                "creee_le": iso(s.created_at),
            }
            for s in livret.situations.all()
        ],
        "reponses": [_answer(a) for a in livret.answers.all()],
        "documents": [
            {
                "nom": d.name,
                "partie": d.section_code,
                "situation": d.situation_id,
                "type": d.kind,
                "taille": d.size,
                "depose_le": iso(d.uploaded_at),
                "fichier": archive_name(livret, d),
            }
            for d in livret.documents.all()
        ],
    }


class Livrets(PersonalData):
    label = "livrets"
    held = "Vos livrets 2 : vos textes et leurs versions successives, vos pièces justificatives."
    purpose = "Rédiger votre dossier de validation et l’exporter en PDF."
    readers = "Vous et l’accompagnateur que vous invitez."
    order = 30
    models = ("livrets.Livret",)
    activity = ("livrets__updated_at", "livrets__answers__updated_at")

    def _livrets(self, user):
        return Livret.objects.filter(owner=user).order_by("pk")

    def sections(self, user) -> list[Section]:
        livrets = (
            self._livrets(user)
            .select_related("referential_version", "cqp", "candidature")
            .prefetch_related("situations", "answers__revisions", "documents")
        )
        return [Section("livrets", "Mes livrets 2", [_livret(livret) for livret in livrets])]

    def files(self, user):
        for livret in self._livrets(user).prefetch_related("documents"):
            for document in livret.documents.all():
                yield StoredFile(archive_name(livret, document), document.file)

    def erase(self, user) -> None:
        from livrets.livret2.services import delete_livrets

        delete_livrets(self._livrets(user))

    def cached_pdfs(self, user):
        return [slot_of(p) for p in self._livrets(user).values_list("public_id", flat=True)]

    def stored_bytes(self, owner_id: int) -> int:
        return documents_bytes(livret__owner_id=owner_id)

    def purge_inactive(self, purge) -> None:
        """An old livret of an account still in use: warned, then deleted on its own."""
        from livrets.livret2.services import delete_livrets

        livrets = (
            Livret.objects.exclude(owner_id__in=purge.purged_users)
            .filter(owner__is_staff=False, owner__is_superuser=False)
            .annotate(last_answer=Max("answers__updated_at"))
            .annotate(activity=Greatest("updated_at", Coalesce("last_answer", "updated_at")))
            .filter(activity__lte=purge.warn_from)
            .select_related("owner", "referential_version")
        )
        for livret in livrets:
            if purge.due(user_id=livret.owner_id, livret_id=livret.pk, activity=livret.activity):
                pk = livret.pk
                delete_livrets(Livret.objects.filter(pk=pk))
                purge.report.deleted_livrets.append(pk)
            elif (
                livret.owner_id not in purge.warned_users
                and not purge.pending(
                    user_id=livret.owner_id, livret_id=livret.pk, activity=livret.activity
                )
                and livret.owner.email
            ):
                purge.warn(livret.owner, livret=livret, what=f"votre « {livret} » sera supprimé")
                purge.report.warned_livrets.append(livret.pk)


register(Livrets())
