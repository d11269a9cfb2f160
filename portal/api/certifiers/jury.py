"""The jury posted by a certifier's system, through the desk's services as its pages do: a
session with the candidatures it convenes (``services.create_session`` and ``services.seat``,
in one transaction: the session and every seat, or nothing), and the jury's result
(``services.record_jury_decision``: total, partial with the parts validated, or none;
motifs; the letter in base64)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from livrets.desk import rules, selectors, services, tokens
from portal.api.schemas import NO_NUL, NOT_BLANK, Day

from .candidatures import NOT_FOUND, UNAUTHORISED, desk_errors, detail, found, letter_of
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


# Jury sessions ------------------------------------------------------------------------------

MAX_SEATED = 200
UNKNOWN_CQP = "Aucun CQP de votre jeton n'a cet identifiant."
SESSION_PATHS = {"held_on": "$.date", "place": "$.lieu"}


class _Refused(Exception):
    """A session refused: nothing is kept (the transaction is rolled back)."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("refused")
        self.errors = errors


class SessionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    cqp: Code = Field(description="Identifiant (slug) d'un CQP du jeton")
    date: Day = Field(description="Date de la session (pas dans le passé)")
    lieu: Annotated[str, Field(min_length=1, max_length=200, pattern=NOT_BLANK)] = Field(
        description="Lieu de la session"
    )
    candidatures: Annotated[list[UUID], Field(max_length=MAX_SEATED)] = Field(
        default=[], description="Les candidatures convoquées (public_id), chacune de ce CQP"
    )


class SessionOut(Schema):
    id: int
    cqp: str
    date: dt.date
    lieu: str
    candidatures: list[UUID] = Field(description="Les candidatures convoquées")


@router.post(
    "/sessions",
    response={
        201: SessionOut,
        400: ErrorsOut,
        401: ErrorsOut,
        404: ErrorsOut,
        415: ErrorsOut,
        422: ErrorsOut,
    },
    operation_id="createJurySession",
    summary="Créer une session du jury et y convoquer des candidatures",
    url_name="sessions",
    openapi_extra={
        "responses": {
            201: {
                "description": "Session créée ; chaque candidat convoqué est averti par courriel"
            },
            400: {"description": "Corps non conforme au schéma (messages par chemin JSON)"},
            404: {
                "description": "CQP ou candidature qu'aucun de vos CQP ne porte ($.cqp, "
                "$.candidatures[i]) : rien n'est créé"
            },
            415: {"description": "Corps de requête autre que application/json"},
            422: {
                "description": "Refusée par le bureau (date passée, candidature qui ne peut pas "
                "être convoquée) : rien n'est créé (messages par chemin JSON)"
            },
            **UNAUTHORISED,
        }
    },
)
def create_session(request: HttpRequest, payload: SessionIn):
    token = request.auth
    cqp = token.cqps.filter(slug=payload.cqp).first()
    if cqp is None:
        return Status(404, {"errors": {"$.cqp": [UNKNOWN_CQP]}})
    named = {
        c.public_id: c for c in tokens.readable(token).filter(public_id__in=payload.candidatures)
    }
    unknown = {
        f"$.candidatures[{i}]": [NOT_FOUND]
        for i, pid in enumerate(payload.candidatures)
        if pid not in named
    }
    if unknown:
        return Status(404, {"errors": unknown})
    link = request.build_absolute_uri(reverse("candidatures:demarches"))
    try:
        session = _session_with_seats(token, cqp, payload, named, link=link)
    except _Refused as refused:
        return Status(422, {"errors": refused.errors})
    return Status(
        201,
        {
            "id": session.pk,
            "cqp": cqp.slug,
            "date": session.held_on,
            "lieu": session.place,
            "candidatures": list(payload.candidatures),
        },
    )


def _session_with_seats(token, cqp, payload, named, *, link):
    """The session and a seat for each candidature named, or nothing."""
    by, today = token.created_by, timezone.localdate()
    with transaction.atomic():
        try:
            session = services.create_session(
                cqp=cqp, held_on=payload.date, place=payload.lieu, by=by, today=today
            )
        except services.DeskError as error:
            raise _Refused(desk_errors(error, SESSION_PATHS)) from error
        for i, pid in enumerate(payload.candidatures):
            c = named[pid]
            try:
                tokens.via(
                    token,
                    lambda c=c: services.seat(
                        session=session, candidature=c, by=by, today=today, link=link
                    ),
                    candidatures=[c.pk],
                )
            except services.DeskError as error:
                raise _Refused(desk_errors(error, {}, default=f"$.candidatures[{i}]")) from error
    return session
