"""The candidatures a token reads: the list by status and page, one candidature, and the
recevabilité decision posted by the certifier's system (``livrets.desk.services.decide``,
as the desk's page does)."""

from __future__ import annotations

import base64
import binascii
import math
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Status

from livrets.candidatures.models import Candidature
from livrets.desk import rules, selectors, services, tokens
from livrets.desk.models import DeskEvent

from .schemas import (
    MAX_PAGE,
    PAGE_SIZE,
    CandidatureDetail,
    CandidaturesPage,
    ErrorsOut,
    RecevabiliteIn,
    StatusCode,
)

router = Router()
UNAUTHORISED = {401: {"description": "Jeton absent, inconnu ou révoqué"}}
NOT_FOUND = "Aucune candidature de vos CQP n'a cet identifiant."
# The desk's fields, as the API names them.
PATHS = {
    "outcome": "$.decision",
    "motifs": "$.motifs",
    "decided_on": "$.date",
    "letter": "$.lettre",
}
LIST_QUERY = ("statut", "page")
UNKNOWN_PARAMETER = "Paramètre inconnu : seuls statut et page sont acceptés."
NOT_BASE64 = "Le contenu de la lettre n'est pas du base64 valide."


class UnknownCandidature(Exception):
    """A candidature the token does not read, whether it exists or not: 404 (``NOT_FOUND``)."""


def _person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.email


def _row(c: Candidature, *, delays: dict, today) -> dict:
    row = selectors.row_of(c, delays=delays, today=today)
    return {
        "public_id": c.public_id,
        "cqp": c.cqp.slug,
        "candidat": {"nom": _person(c.owner), "courriel": c.owner.email},
        "depose_le": c.deposited_on,
        "statut": row.status,
        "statut_libelle": row.status_label,
        "silence_vaut_acceptation_le": row.silence_on,
    }


def _event(e: DeskEvent) -> dict:
    return {
        "action": e.action,
        "libelle": e.get_action_display(),
        "le": e.at,
        "par": _person(e.actor),
        "via": e.after.get("via") if isinstance(e.after, dict) else None,
    }


def _decision(e: DeskEvent) -> dict:
    letter = e.sent_letter
    return {
        "decision": e.action,
        "libelle": rules.OUTCOMES[e.action],
        "date": e.after.get("desk_decided_on"),
        "motifs": e.after.get("desk_motifs") or "",
        "lettre": {"nom": letter.name, "taille": letter.size} if letter else None,
        "enregistree_le": e.at,
    }


def detail(c: Candidature) -> dict:
    today = timezone.localdate()
    events = selectors.history(c)
    return {
        **_row(c, delays=selectors.delays_of([c.cqp]), today=today),
        "cqp_titre": c.request.referential_version.title,
        "decisions": [_decision(e) for e in events if e.action in rules.OUTCOMES],
        "historique": [_event(e) for e in events],
    }


def found(request: HttpRequest, public_id: str) -> Candidature:
    try:
        return tokens.candidature(request.auth, uuid.UUID(public_id))
    except (ValueError, Http404):
        raise UnknownCandidature from None


def letter_of(lettre) -> SimpleUploadedFile | None:
    """The letter sent in base64, as an uploaded file for the desk's check; ``ValueError``
    when it is not base64."""
    if lettre is None:
        return None
    try:
        content = base64.b64decode(lettre.contenu_base64, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError(NOT_BASE64) from error
    return SimpleUploadedFile(lettre.nom, content)


def desk_errors(error: services.DeskError, paths: dict[str, str], default: str = "$") -> dict:
    """The desk's refusal (field -> message) at the API's JSON paths."""
    errors: dict[str, list[str]] = {}
    for field, message in error.errors.items():
        errors.setdefault(paths.get(field, default), []).append(message)
    return errors


@router.get(
    "/candidatures",
    response={200: CandidaturesPage, 400: ErrorsOut, 401: ErrorsOut},
    operation_id="listCandidatures",
    summary="Les candidatures déposées pour les CQP du jeton, par statut et par pages",
    url_name="candidatures",
    openapi_extra={
        "responses": {
            200: {"description": f"Une page de {PAGE_SIZE} candidatures, le total compté"},
            400: {"description": "Statut inconnu ou page hors limites (chemin : $.statut, $.page)"},
            **UNAUTHORISED,
        }
    },
)
def list_candidatures(
    request: HttpRequest,
    statut: StatusCode | None = None,
    page: int = Query(1, ge=1, le=MAX_PAGE),
):
    if unknown := sorted(set(request.GET) - set(LIST_QUERY)):
        return Status(400, {"errors": {f"$.{name[:40]}": [UNKNOWN_PARAMETER] for name in unknown}})
    today = timezone.localdate()
    rows, delays = tokens.listed(request.auth, status=statut or "", today=today)
    total = rows.count()
    start = (page - 1) * PAGE_SIZE
    return {
        "total": total,
        "page": page,
        "pages": math.ceil(total / PAGE_SIZE),
        "taille_page": PAGE_SIZE,
        "candidatures": [
            _row(c, delays=delays, today=today) for c in rows[start : start + PAGE_SIZE]
        ],
    }


@router.get(
    "/candidatures/{public_id}",
    response={200: CandidatureDetail, 401: ErrorsOut, 404: ErrorsOut},
    operation_id="readCandidature",
    summary="Une candidature : le CQP, le candidat, le dépôt, le statut, les décisions, "
    "l'historique",
    url_name="candidature",
    openapi_extra={
        "responses": {
            200: {"description": "La candidature"},
            404: {"description": NOT_FOUND},
            **UNAUTHORISED,
        }
    },
)
def read_candidature(request: HttpRequest, public_id: str):
    return detail(found(request, public_id))


@router.post(
    "/candidatures/{public_id}/recevabilite",
    response={
        200: CandidatureDetail,
        400: ErrorsOut,
        401: ErrorsOut,
        404: ErrorsOut,
        415: ErrorsOut,
        422: ErrorsOut,
    },
    operation_id="decideRecevabilite",
    summary="Enregistrer la décision de recevabilité (et sa lettre en PDF)",
    url_name="recevabilite",
    openapi_extra={
        "responses": {
            200: {"description": "Décision enregistrée ; le candidat en est averti par courriel"},
            400: {"description": "Corps non conforme au schéma (messages par chemin JSON)"},
            404: {"description": NOT_FOUND},
            415: {"description": "Corps de requête autre que application/json"},
            422: {
                "description": "Décision refusée par le bureau : demande déjà décidée ou non "
                "déposée, motifs manquants, date future ou avant le dépôt, silence valant "
                "acceptation, lettre qui n'est pas un PDF sain (messages par chemin JSON)"
            },
            **UNAUTHORISED,
        }
    },
)
def decide_recevabilite(request: HttpRequest, public_id: str, payload: RecevabiliteIn):
    c = found(request, public_id)
    try:
        letter = letter_of(payload.lettre)
    except ValueError as error:
        return Status(400, {"errors": {"$.lettre.contenu_base64": [str(error)]}})
    token, rq = request.auth, c.request
    link = request.build_absolute_uri(reverse("recevabilite:answer", args=[rq.pk]))
    try:
        tokens.via(
            token,
            lambda: services.decide(
                request=rq,
                by=token.created_by,
                outcome=payload.decision,
                motifs=payload.motifs,
                decided_on=payload.date,
                today=timezone.localdate(),
                link=link,
                letter=letter,
            ),
            candidatures=[c.pk],
        )
    except services.DeskError as error:
        return Status(422, {"errors": desk_errors(error, PATHS)})
    return detail(tokens.candidature(token, c.public_id))
