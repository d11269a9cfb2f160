"""The typed shapes of the certifiers' API, from which ninja writes its OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from livrets.desk import rules
from portal.api.schemas import NO_NUL, Day

StatusCode = Literal[tuple(rules.STATUSES)]  # type: ignore[valid-type]
OutcomeCode = Literal[tuple(rules.OUTCOMES)]  # type: ignore[valid-type]
PAGE_SIZE = 50
MAX_PAGE = 10_000
STATUSES_TEXT = "Statut au bureau du certificateur : " + ", ".join(
    f"{code} ({label})" for code, label in rules.STATUSES.items()
)


class Candidat(Schema):
    nom: str = Field(description="Prénom et nom du candidat, tels qu'il les a donnés")
    courriel: str


class CandidatureRow(Schema):
    public_id: UUID = Field(description="Identifiant de la candidature")
    cqp: str = Field(description="Identifiant (slug) du CQP")
    candidat: Candidat
    depose_le: dt.date = Field(description="Date du dépôt sur le portail (vaut réception)")
    statut: StatusCode = Field(description=STATUSES_TEXT)
    statut_libelle: str
    silence_vaut_acceptation_le: dt.date | None = Field(
        description=(
            "Pour une demande à examiner, le jour où le silence du certificateur vaut "
            "acceptation quand la source le dit ; null sinon"
        )
    )


class CandidaturesPage(Schema):
    total: int = Field(ge=0, description="Nombre de candidatures de ce statut (toutes pages)")
    page: int = Field(ge=1)
    pages: int = Field(ge=0, description="Nombre de pages")
    taille_page: int = Field(description=f"{PAGE_SIZE} candidatures par page")
    candidatures: list[CandidatureRow]


class Lettre(Schema):
    nom: str
    taille: int = Field(description="Taille en octets")


class DecisionOut(Schema):
    decision: OutcomeCode
    libelle: str
    date: dt.date
    motifs: str
    lettre: Lettre | None = Field(description="La lettre du certificateur jointe, s'il y en a une")
    enregistree_le: dt.datetime


class EventOut(Schema):
    action: str = Field(description="Code de l'événement (depot, recevable, assign…)")
    libelle: str
    le: dt.datetime
    par: str | None = Field(description="Qui l'a fait (nom ou courriel), s'il est connu")
    via: str | None = Field(description="« api:<système> » pour un acte venu de cette API")


class CandidatureDetail(CandidatureRow):
    cqp_titre: str
    decisions: list[DecisionOut] = Field(description="Les décisions de recevabilité, dans l'ordre")
    historique: list[EventOut] = Field(description="Tout ce qui s'est passé au bureau")


class LettreIn(Schema):
    model_config = ConfigDict(extra="forbid")

    nom: Annotated[str, Field(min_length=1, max_length=120, pattern=NO_NUL)] = Field(
        description="Nom du fichier (lettre.pdf)"
    )
    contenu_base64: Annotated[str, Field(min_length=1, pattern=NO_NUL)] = Field(
        description="Le PDF encodé en base64 ; vérifié et désarmé comme un envoi sur le site"
    )


class RecevabiliteIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: OutcomeCode = Field(description="recevable, non_recevable ou incomplete")
    motifs: Annotated[str, Field(max_length=rules.MOTIFS_MAX, pattern=NO_NUL)] = Field(
        default="", description="Obligatoires pour non_recevable et incomplete"
    )
    date: Day = Field(description="Date de la décision (ni future, ni avant le dépôt)")
    lettre: LettreIn | None = None


class ErrorsOut(Schema):
    errors: dict[str, Annotated[list[str], Field(min_length=1)]] = Field(
        description="Messages en français, par chemin JSON ($.decision, $.lettre.nom…)."
    )
