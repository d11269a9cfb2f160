"""The jury's result posted by a certifier's system, through the desk's service as its page
does (``services.record_jury_decision``): total, partial with the parts validated, or none;
motifs; the letter in base64."""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from livrets.desk import rules, selectors, services, tokens
from portal.api.schemas import NO_NUL, Day

from .candidatures import UNAUTHORISED, desk_errors, detail, found, letter_of
from .schemas import CandidatureDetail, ErrorsOut, LettreIn

router = Router()
JuryOutcome = Literal[tuple(rules.JURY_OUTCOMES)]  # type: ignore[valid-type]
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=NO_NUL)]
JURY_PATHS = {
    "outcome": "$.resultat",
    "validated_units": "$.unites_validees",
    "motifs": "$.motifs",
    "decided_on": "$.date",
    "letter": "$.lettre",
}


class JuryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    resultat: JuryOutcome = Field(description="totale, partielle ou aucune")
    unites_validees: Annotated[list[Code], Field(max_length=50)] = Field(
        default=[],
        description="Pour une validation partielle : les codes des parties validées "
        "(GET /api/v1/cqps/{slug} les donne)",
    )
    motifs: Annotated[str, Field(max_length=rules.MOTIFS_MAX, pattern=NO_NUL)] = Field(
        default="", description="Obligatoires sauf pour une validation totale"
    )
    date: Day = Field(
        description="Date de la décision du jury (ni future, ni avant la recevabilité)"
    )
    lettre: LettreIn | None = None


@router.post(
    "/candidatures/{public_id}/jury",
    response={
        200: CandidatureDetail,
        400: ErrorsOut,
        401: ErrorsOut,
        404: ErrorsOut,
        415: ErrorsOut,
        422: ErrorsOut,
    },
    operation_id="recordJuryDecision",
    summary="Enregistrer la décision du jury (totale, partielle avec les parties validées, "
    "aucune) et sa lettre en PDF",
    url_name="jury",
    openapi_extra={
        "responses": {
            200: {"description": "Décision enregistrée ; le candidat en est averti par courriel"},
            400: {"description": "Corps non conforme au schéma (messages par chemin JSON)"},
            404: {"description": "Aucune candidature de vos CQP n'a cet identifiant"},
            415: {"description": "Corps de requête autre que application/json"},
            422: {
                "description": "Décision refusée par le bureau : déjà enregistrée, demande non "
                "recevable, pas de livret 2, parties inconnues ou toutes cochées pour une "
                "validation partielle, motifs manquants, date future ou avant la recevabilité, "
                "lettre qui n'est pas un PDF sain (messages par chemin JSON)"
            },
            **UNAUTHORISED,
        }
    },
)
def record_jury(request: HttpRequest, public_id: str, payload: JuryIn):
    c = found(request, public_id)
    try:
        letter = letter_of(payload.lettre)
    except ValueError as error:
        return Status(400, {"errors": {"$.lettre.contenu_base64": [str(error)]}})
    token = request.auth
    livret = selectors.jury_livret(c)
    link = request.build_absolute_uri(reverse("jury:decision", args=[livret.pk])) if livret else ""
    try:
        tokens.via(
            token,
            lambda: services.record_jury_decision(
                candidature=c,
                outcome=payload.resultat,
                validated_units=payload.unites_validees,
                motifs=payload.motifs,
                decided_on=payload.date,
                by=token.created_by,
                today=timezone.localdate(),
                letter=letter,
                link=link,
            ),
            candidatures=[c.pk],
        )
    except services.DeskError as error:
        return Status(422, {"errors": desk_errors(error, JURY_PATHS)})
    return detail(tokens.candidature(token, c.public_id))
