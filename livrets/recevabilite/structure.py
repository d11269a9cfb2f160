"""What a CQP's recevabilité request asks for: the referential's ``recevabilite_request``
block as immutable Python data. Pure: no ORM, no request.

Every text carries ``from_source``: ``True`` when it is the source's, word for word; ``False``
when the portal proposes it (shown with « Proposé par le portail »).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OWN_FORM = "own_form"
NATIONAL_FORM = "national_form"


@dataclass(frozen=True)
class Text:
    text: str
    from_source: bool = True

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Field:
    code: str
    label: str
    from_source: bool = True
    choices: tuple[Field, ...] = ()
    detail_label: str = ""
    required_if: str = ""


@dataclass(frozen=True)
class Choices:
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
    months: int | None
    unknown: Text | None = None
    receipt: Text | None = None
    silence: Text | None = None
    decision: Text | None = None
    start: Text | None = None


@dataclass(frozen=True)
class Validity:
    months: int
    text: Text
    renewal: Text | None = None
    prorogation: Text | None = None


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
    last_class: Choices
    diplomas: Choices
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


@dataclass(frozen=True)
class PeriodTexts:
    heading: Text
    intro: Text
    labels: dict[str, Text]


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


def _text(d: dict | None) -> Text | None:
    return Text(d["text"], d["from_source"]) if d else None


def _texts(items) -> tuple[Text, ...]:
    return tuple(Text(d["text"], d["from_source"]) for d in items or ())


def _field(d: dict) -> Field:
    return Field(
        code=d["code"],
        label=d["label"],
        from_source=d["from_source"],
        choices=tuple(_field(c) for c in d.get("choices", ())),
        detail_label=d.get("detail_label", ""),
        required_if=d.get("required_if", ""),
    )


def _choices(d: dict) -> Choices:
    return Choices(_text(d["label"]), tuple(_field(c) for c in d["choices"]))


def build(d: dict[str, Any]) -> RequestForm:
    career = d.get("career")
    sworn = d.get("sworn")
    box = d.get("secretariat_box")
    limit = d.get("requests_limit")
    validity = d.get("validity")
    answer = d["answer"]
    return RequestForm(
        source=d["source"],
        kind=d["form"]["kind"],
        title=_text(d["form"]["title"]),
        obtain=_texts(d["obtain"]),
        send_to=_texts(d["send_to"]),
        notes=_texts(d.get("notes")),
        preparation_note=_text(d.get("preparation_note")),
        identity_heading=_text(d["identity"]["heading"]),
        identity=tuple(_field(f) for f in d["identity"]["fields"]),
        career_heading=_text(career["heading"]) if career else None,
        career=tuple(_field(f) for f in career["fields"]) if career else (),
        period_heading=_text(d["period"]["heading"]),
        period_intro=_text(d["period"]["intro"]),
        period_labels={k: _text(v) for k, v in d["period"]["fields"].items()},
        areas=tuple(_field(a) for a in d["areas"]["items"]),
        areas_note=_text(d["areas"].get("note")),
        education_heading=_text(d["education"]["heading"]),
        education_note=_text(d["education"].get("note")),
        last_class=_choices(d["education"]["last_class"]),
        diplomas=_choices(d["education"]["diplomas"]),
        proofs_general=_text(d["proofs"]["general"]),
        proofs_by_kind={k: _text(v) for k, v in d["proofs"]["by_kind"].items()},
        sworn=Sworn(
            heading=_text(sworn["heading"]),
            statement=_texts(sworn["statement"]),
            **{
                k: _text(sworn.get(k))
                for k in (
                    "intro",
                    "name_label",
                    "born_label",
                    "born_place_label",
                    "address_label",
                    "place_label",
                    "date_label",
                    "signature_label",
                    "note",
                )
            },
        )
        if sworn
        else None,
        max_requests_per_year=limit["max_per_year"] if limit else None,
        requests_limit_text=_text(limit["text"]) if limit else None,
        secretariat_box=SecretariatBox(
            heading=_text(box["heading"]),
            lines=_texts(box["lines"]),
            choices=_texts(box.get("choices")),
            footnote=_texts(box.get("footnote")),
            signature=_text(box.get("signature")),
        )
        if box
        else None,
        answer=Answer(
            months=answer["months"],
            **{
                k: _text(answer.get(k))
                for k in ("unknown", "receipt", "silence", "decision", "start")
            },
        ),
        validity=Validity(
            months=validity["months"],
            text=_text(validity["text"]),
            renewal=_text(validity.get("renewal")),
            prorogation=_text(validity.get("prorogation")),
        )
        if validity
        else None,
        gaps=_text(d.get("gaps")),
    )


_CACHE: dict[str, RequestForm] = {}


def request_form(version) -> RequestForm | None:
    """The request form of a referential version (built once per process and content)."""
    form = _CACHE.get(version.content_hash)
    if form is None:
        data = version.data.get("recevabilite_request")
        if data is None:
            return None
        form = _CACHE[version.content_hash] = build(data)
    return form
