"""What the jury preparation holds of a person. As a candidate: every rating on their livrets
(theirs and their accompagnateur's, history included), the parts of the livret linked to each
element, the jury's decisions, the grids' cached PDFs. As an accompagnateur: the ratings they
gave on the livrets they follow."""

from __future__ import annotations

from livrets.jury.models import Evidence, JuryDecision, Rating
from livrets.livret2.models import Livret
from portal.accounts.personal_data import iso, person
from portal.accounts.registry import PersonalData, Section, register


def _rating(r: Rating) -> dict:
    return {
        "livret": r.livret_id,
        "element": r.element_code,
        "role": r.get_role_display(),
        "auteur": person(r.author),
        "appreciation": r.get_value_display() or None,
        "le": iso(r.created_at),
    }


def _decision(d: JuryDecision) -> dict:
    return {
        "candidature": str(d.candidature.public_id),
        "cqp": d.cqp.slug,
        "livret": d.livret_id,
        "date": iso(d.decided_on),
        "decision": d.get_outcome_display(),
        "unites_validees": list(d.validated_units),
        "livret_des_unites_restantes": d.follow_up_id,
        "enregistree_par_le_certificateur": d.by_certifier,
        "motifs": d.motifs,
        "enregistree_le": iso(d.created_at),
    }


class Jury(PersonalData):
    label = "jury"
    held = (
        "La préparation du jury : vos évaluations et celles de l’accompagnateur sur "
        "chaque élément, la décision du jury que vous notez."
    )
    purpose = "Vous préparer à l’entretien avec le jury."
    readers = "Vous et l’accompagnateur que vous invitez."
    order = 50
    models = ("jury.Rating", "jury.JuryDecision")

    def sections(self, user) -> list[Section]:
        own = Livret.objects.filter(owner=user)
        ratings = Rating.objects.filter(livret__in=own).select_related("author").order_by("pk")
        links = Evidence.objects.filter(livret__in=own).order_by("pk")
        decisions = (
            JuryDecision.objects.filter(owner=user)
            .select_related("candidature", "cqp")
            .order_by("pk")
        )
        given = (
            Rating.objects.filter(author=user)
            .exclude(livret__owner=user)
            .select_related("author")
            .order_by("pk")
        )
        return [
            Section(
                "preparation_du_jury",
                "La préparation de mon jury",
                {
                    "appreciations": [_rating(r) for r in ratings],
                    "liens_vers_le_livret": [
                        {
                            "livret": e.livret_id,
                            "element": e.target,
                            "partie_du_livret": e.source,
                            "le": iso(e.created_at),
                        }
                        for e in links
                    ],
                    "decisions_du_jury": [_decision(d) for d in decisions],
                },
            ),
            Section(
                "appreciations_donnees_en_accompagnement",
                "Mes appréciations sur les livrets que j'accompagne",
                [_rating(r) for r in given],
            ),
        ]

    def cached_pdfs(self, user):
        return [
            f"jury-grid:{public_id}"
            for public_id in Livret.objects.filter(owner=user).values_list("public_id", flat=True)
        ]


register(Jury())
