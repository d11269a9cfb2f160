"""What the candidatures hold of a candidate: one per CQP, with the self-check it started from,
the recevabilité's dates and decision, and the jury's date."""

from __future__ import annotations

from livrets.candidatures.models import Candidature
from portal.accounts.personal_data import iso, person
from portal.accounts.registry import PersonalData, Section, register


def _candidature(c: Candidature) -> dict:
    return {
        "id": str(c.public_id),
        "cqp": c.cqp.slug,
        "ouverte_le": iso(c.created_at),
        "modifiee_le": iso(c.updated_at),
        "verification_d_eligibilite": c.selfcheck or None,
        "demande_de_recevabilite_envoyee_le": iso(c.request_sent_on),
        "demande_de_recevabilite_recue_le": iso(c.request_received_on),
        "decision_de_recevabilite": c.get_decision_display() or None,
        "decision_de_recevabilite_le": iso(c.decision_on),
        "notification_favorable_le": iso(c.notified_on),
        "decision_enregistree_par": person(c.decision_recorded_by) or None,
        "session_du_jury": iso(c.jury_on),
        "demande_deposee_sur_le_portail_le": iso(c.deposited_on),
        "etat_au_bureau_du_certificateur": c.get_desk_status_display() or None,
        "reponse_du_certificateur_le": iso(c.desk_decided_on),
        "motifs_de_la_reponse": c.desk_motifs or None,
    }


class Candidatures(PersonalData):
    label = "candidatures"
    held = "Vos démarches : le CQP visé et les dates de chaque étape que vous notez."
    purpose = "Suivre votre démarche et vous montrer les délais du certificateur."
    readers = "Vous et l’accompagnateur que vous invitez."
    order = 10
    models = ("candidatures.Candidature",)
    # Recording the procedure's dates is using the portal (retention).
    activity = ("candidatures__updated_at",)

    def sections(self, user) -> list[Section]:
        rows = (
            Candidature.objects.filter(owner=user)
            .select_related("cqp", "decision_recorded_by")
            .order_by("pk")
        )
        return [Section("candidatures", "Mes candidatures", [_candidature(c) for c in rows])]


register(Candidatures())
