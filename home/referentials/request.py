"""What a CQP's recevabilité request asks for (the data file's ``recevabilite_request``), as
part of the referential's typed view. Pure: no ORM, no request.

Every text is a ``Text`` that carries ``from_source``: ``True`` when it is the source's, word
for word; ``False`` when the portal proposes it (shown with « Proposé par le portail »). The
delays themselves (months to answer, months of validity) are the referential's ``Delays``:
this part keeps only the source's sentences about them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .provenance import Text

OWN_FORM = "own_form"
NATIONAL_FORM = "national_form"


@dataclass(frozen=True)
class Field:
    code: str
    label: Text
    from_source: bool = True
    choices: tuple[Field, ...] = ()
    detail_label: str = ""
    required_if: str = ""


@dataclass(frozen=True)
class RequestChoices:
    label: Text
    choices: tuple[Field, ...]

    @property
    def by_code(self) -> dict[str, Field]:
        return {c.code: c for c in self.choices}


@dataclass(frozen=True)
class Sworn:
    heading: Text
    statement: tuple[Text, ...]
    intro: Text | None = None
    name_label: Text | None = None
    born_label: Text | None = None
    born_place_label: Text | None = None
    address_label: Text | None = None
    place_label: Text | None = None
    date_label: Text | None = None
    signature_label: Text | None = None
    note: Text | None = None


@dataclass(frozen=True)
class SecretariatBox:
    heading: Text
    lines: tuple[Text, ...]
    choices: tuple[Text, ...] = ()
    footnote: tuple[Text, ...] = ()
    signature: Text | None = None


@dataclass(frozen=True)
class Answer:
    """The source's sentences on the answer to the request (its delay: ``Delays``)."""

    unknown: Text | None = None
    receipt: Text | None = None
    silence: Text | None = None
    decision: Text | None = None
    start: Text | None = None


@dataclass(frozen=True)
class Validity:
    """The source's sentences on a favourable answer's validity (its months: ``Delays``)."""

    text: Text
    renewal: Text | None = None
    prorogation: Text | None = None


@dataclass(frozen=True)
class PeriodTexts:
    heading: Text
    intro: Text
    labels: dict[str, Text]


@dataclass(frozen=True)
class RequestForm:
    """The request of one CQP, as its source (or the portal) lays it out."""

    source: str
    kind: str  # OWN_FORM: the source prints its form; NATIONAL_FORM: a preparation file
    title: Text
    obtain: tuple[Text, ...]
    send_to: tuple[Text, ...]
    notes: tuple[Text, ...]
    preparation_note: Text | None
    identity_heading: Text
    identity: tuple[Field, ...]
    career_heading: Text | None
    career: tuple[Field, ...]
    period_heading: Text
    period_intro: Text
    period_labels: dict[str, Text]
    areas: tuple[Field, ...]
    areas_note: Text | None
    education_heading: Text
    education_note: Text | None
    last_class: RequestChoices
    diplomas: RequestChoices
    proofs_general: Text
    proofs_by_kind: dict[str, Text]
    sworn: Sworn | None
    max_requests_per_year: int | None
    requests_limit_text: Text | None
    secretariat_box: SecretariatBox | None
    answer: Answer
    validity: Validity | None
    gaps: Text | None

    @property
    def is_own_form(self) -> bool:
        return self.kind == OWN_FORM

    @property
    def national_parts(self) -> tuple[NationalPart, ...]:
        """The national form's parts, in its order, as the portal reads them (no source here
        lists them): empty for a certifier's own form."""
        return () if self.is_own_form else NATIONAL_FORM_PARTS

    @property
    def national_intro(self) -> Text | None:
        return None if self.is_own_form else NATIONAL_FORM_INTRO

    @property
    def areas_by_code(self) -> dict[str, Field]:
        return {a.code: a for a in self.areas}

    def proof_text(self, kind: str) -> Text:
        return self.proofs_by_kind.get(kind) or self.proofs_general

    @property
    def current_job_only(self) -> bool:
        """The source's form has one block, for the current job (002's « Emploi actuel »)."""
        return self.period_heading.from_source

    @property
    def periods_intro(self) -> Text:
        """What introduces the list of every period."""
        return OTHER_PERIODS.intro if self.current_job_only else self.period_intro

    def period_texts(self, *, current: bool) -> PeriodTexts:
        """The heading, introduction and labels of a period: the source's for the current
        job where its form has only that block; the portal's for the other periods."""
        if self.current_job_only and not current:
            return OTHER_PERIODS
        return PeriodTexts(self.period_heading, self.period_intro, self.period_labels)


# The periods other than the current job, where the source's form only asks for that one:
# the request shows them to prove the year of experience, in the portal's words.
OTHER_PERIODS = PeriodTexts(
    heading=Text("Autres périodes d’expérience", from_source=False),
    intro=Text("Pour chaque période, précisez les activités réalisées.", from_source=False),
    labels={
        "title": Text("Intitulé de l’emploi ou de la fonction", from_source=False),
        "employer": Text("Employeur ou organisation", from_source=False),
        "sector": Text("Secteur d’activité", from_source=False),
        "dates": Text("Période d’activité", from_source=False),
        "activities": Text(
            "Vos principales activités dans cet emploi ou cette activité", from_source=False
        ),
    },
)


@dataclass(frozen=True)
class NationalPart:
    """One part of the national request form, as the portal reads it: what it needs and
    where the preparation file has the candidate's answers."""

    title: str
    needs: str
    here: str


# The portal's reading of the national form (CERFA n° 12818*02, fixed by the arrêté of 29
# January 2018): no source reproduces its parts. Shown « Proposé par le portail ».
NATIONAL_FORM_INTRO = Text(
    "Le portail lit le formulaire national en cinq parties, dans cet ordre ; ce dossier de "
    "préparation les suit. Aucune source reprise par le portail ne donne ces parties : c’est "
    "la lecture du formulaire national par le portail.",
    from_source=False,
)
NATIONAL_FORM_PARTS = (
    NationalPart(
        "La certification visée",
        "L’intitulé du CQP ; si vous visez une validation totale ou partielle et, pour une "
        "validation partielle, les blocs de compétences que vous détenez déjà.",
        "Dans ce dossier : l’intitulé est en tête ; le type de validation visée et les blocs "
        "déjà détenus suivent cette liste, sous « La certification visée ». Vous les indiquez "
        "sur la page « Parcours et formation ».",
    ),
    NationalPart(
        "Votre situation",
        "Votre identité, vos coordonnées et votre situation au moment de la demande.",
        "Dans ce dossier : la partie sur votre identité.",
    ),
    NationalPart(
        "Votre formation et les certifications obtenues",
        "La dernière classe suivie, les diplômes, titres et certifications obtenus.",
        "Dans ce dossier : la partie sur votre parcours de formation.",
    ),
    NationalPart(
        "Votre expérience en rapport avec la certification visée",
        "Chaque période d’activité : emploi ou fonction, employeur, dates, temps de travail "
        "et activités réalisées, avec les pièces qui la justifient.",
        "Dans ce dossier : les parties sur vos expériences et sur les pièces justificatives.",
    ),
    NationalPart(
        "La déclaration sur l’honneur",
        "Une seule demande pour cette certification pendant l’année civile, et pas plus de "
        "trois demandes de VAE pour des certifications différentes pendant la même année "
        "civile (article R335-7 du code de l’éducation, en vigueur quand le formulaire a été "
        "fixé en 2018).",
        "Dans ce dossier : la partie « Déclaration » ; vous signerez celle du formulaire.",
    ),
)
