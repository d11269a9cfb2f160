"""What the desk holds of a person. As a candidate: the history of their requests at the
certifier's desk (deposits, decisions). As a certifier's staff member: the CQPs and roles they
are named for, and what they did at the desk."""

from __future__ import annotations

from livrets.desk.models import DeskEvent, StaffMembership
from portal.accounts.personal_data import iso, person
from portal.accounts.registry import PersonalData, Section, register


def _event(e: DeskEvent) -> dict:
    return {
        "candidature": str(e.candidature.public_id),
        "cqp": e.candidature.cqp.slug,
        "action": e.get_action_display(),
        "par": person(e.actor) or None,
        "le": iso(e.at),
        "avant": e.before,
        "apres": e.after,
    }


class Desk(PersonalData):
    label = "bureau"
    held = (
        "Le bureau du certificateur : l’historique de vos demandes déposées sur le portail "
        "(dépôts, décisions et leurs motifs) ; pour le personnel d’un certificateur, ses "
        "rôles et ce qu’il y a fait."
    )
    purpose = "Transmettre votre demande au certificateur et vous donner sa réponse."
    readers = "Vous, et le personnel du certificateur de votre CQP une fois votre demande déposée."
    order = 45
    models = ("desk.StaffMembership", "desk.DeskEvent")

    def sections(self, user) -> list[Section]:
        own = (
            DeskEvent.objects.filter(candidature__owner=user)
            .select_related("candidature__cqp", "actor")
            .order_by("pk")
        )
        done = (
            DeskEvent.objects.filter(actor=user)
            .exclude(candidature__owner=user)
            .select_related("candidature__cqp", "actor")
            .order_by("pk")
        )
        roles = StaffMembership.objects.filter(user=user).select_related("cqp").order_by("pk")
        return [
            Section(
                "bureau_historique",
                "Mes demandes au bureau du certificateur",
                [_event(e) for e in own],
            ),
            Section(
                "bureau_personnel",
                "Mon rôle au bureau d’un certificateur",
                {
                    "roles": [{"cqp": m.cqp.slug, "role": m.role_label} for m in roles],
                    "actions": [_event(e) for e in done],
                }
                if roles or done
                else None,
            ),
        ]


register(Desk())
