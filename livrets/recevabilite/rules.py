"""The request's rules as pure functions over plain data: completeness, the yearly limit of
VAE requests, and the dates that follow from the certifier's stated delays. No ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from livrets.livret2.journey import add_months
from livrets.recevabilite.structure import RequestForm, Text

PROFILE_REQUIRED = ("nom", "prenom", "adresse", "email", "naissance_date", "naissance_lieu")
PHONES = ("telephone_domicile", "telephone_travail", "telephone_portable")
YES = "oui"


@dataclass(frozen=True)
class PeriodContent:
    id: int
    number: int
    kind: str
    title: str = ""
    employer: str = ""
    sector: str = ""
    start: date | None = None
    end: date | None = None
    current: bool = False
    weekly_hours: float | None = None
    total_hours: int | None = None
    related: bool = True
    activities: dict[str, str] = field(default_factory=dict)
    proofs: int = 0

    @property
    def name(self) -> str:
        return f"Période {self.number}" + (f" ({self.title})" if self.title else "")


@dataclass(frozen=True)
class RequestContent:
    profile: dict[str, object] = field(default_factory=dict)
    career: dict[str, str] = field(default_factory=dict)
    periods: tuple[PeriodContent, ...] = ()
    last_class: str = ""
    diplomas: tuple[str, ...] = ()
    diploma_details: dict[str, str] = field(default_factory=dict)
    other_requests_this_year: int | None = None


@dataclass(frozen=True)
class Missing:
    # "identite", "formation", "periode" (with period id) or "declaration"
    part: str
    message: str
    anchor: str
    period: int | None = None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _identity(form: RequestForm, profile: dict) -> list[Missing]:
    labels = {f.code: f.label for f in form.identity}
    out = [
        Missing("identite", f"{labels.get(code, code)} : à renseigner", f"id_{code}")
        for code in PROFILE_REQUIRED
        if _blank(profile.get(code))
    ]
    if all(_blank(profile.get(p)) for p in PHONES):
        out.append(Missing("identite", "Au moins un numéro de téléphone", "id_telephone_portable"))
    return out


def _career(form: RequestForm, career: dict) -> list[Missing]:
    out = []
    for f in form.career:
        if f.required_if and career.get(f.required_if) != YES:
            continue
        if _blank(career.get(f.code)):
            out.append(Missing("formation", f"{f.label} : à renseigner", f"id_career_{f.code}"))
    return out


def _education(form: RequestForm, content: RequestContent) -> list[Missing]:
    out = []
    if content.last_class not in form.last_class.by_code:
        out.append(Missing("formation", f"{form.last_class.label} : à cocher", "id_last_class"))
    chosen = [form.diplomas.by_code[c] for c in content.diplomas if c in form.diplomas.by_code]
    if not chosen:
        out.append(Missing("formation", f"{form.diplomas.label} : à cocher", "id_diplomas"))
    for d in chosen:
        if d.detail_label and _blank(content.diploma_details.get(d.code)):
            out.append(Missing("formation", f"{d.detail_label} ({d.label})", f"id_detail_{d.code}"))
    return out


def _period(form: RequestForm, p: PeriodContent) -> list[Missing]:
    labels = form.period_labels
    wanted = [
        ("title", p.title, labels["title"].text),
        ("employer", p.employer, labels["employer"].text),
        ("sector", p.sector, labels["sector"].text),
        ("start", p.start, "Date de début"),
    ]
    out = [
        Missing("periode", f"{p.name} : {label}", f"id_{key}", p.id)
        for key, value, label in wanted
        if _blank(value)
    ]
    if p.end is None and not p.current:
        out.append(Missing("periode", f"{p.name} : date de fin, ou « en cours »", "id_end", p.id))
    if p.weekly_hours is None and p.total_hours is None:
        out.append(
            Missing(
                "periode",
                f"{p.name} : heures par semaine ou nombre total d'heures",
                "id_weekly_hours",
                p.id,
            )
        )
    if p.related and not any(not _blank(v) for v in p.activities.values()):
        out.append(Missing("periode", f"{p.name} : {labels['activities'].text}", "activites", p.id))
    if p.related and not p.proofs:
        out.append(Missing("periode", f"{p.name} : pièce justificative", "pieces", p.id))
    return out


def refusal(form: RequestForm, other_requests: int | None) -> Text | None:
    """The source's sentence when this request would exceed the yearly limit, else None."""
    limit = form.max_requests_per_year
    if limit is None or other_requests is None:
        return None
    return form.requests_limit_text if other_requests >= limit else None


def missing(form: RequestForm, content: RequestContent) -> list[Missing]:
    """Everything the request still lacks before it can be finalised, in the form's order."""
    out = _identity(form, content.profile)
    out += _career(form, content.career)
    out += _education(form, content)
    if not content.periods:
        out.append(Missing("periode", "Au moins une période d'expérience", "periodes"))
    for p in content.periods:
        out += _period(form, p)
    if form.max_requests_per_year is not None:
        if content.other_requests_this_year is None:
            out.append(
                Missing(
                    "declaration",
                    "Le nombre de demandes de VAE déposées cette année civile",
                    "id_count-other_requests_this_year",
                )
            )
        elif refusal(form, content.other_requests_this_year):
            out.append(
                Missing(
                    "declaration",
                    f"Une demande de plus dépasserait la limite : {form.requests_limit_text}",
                    "id_count-other_requests_this_year",
                )
            )
    return out


# Dates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateLine:
    code: str
    label: str
    day: date
    source: Text
    note: Text | None = None
    # The choices the source's sentence goes on with, each with whether it applies here.
    options: tuple[tuple[Text, bool], ...] = ()


@dataclass(frozen=True)
class Outcome:
    """Where the request stands once sent, with the dates that follow and their sources."""

    state: str  # draft, finalised, sent, accepted, accepted_by_silence, refused, unknown
    label: str
    dates: tuple[DateLine, ...] = ()
    notes: tuple[Text, ...] = ()
    accepted_on: date | None = None

    @property
    def accepted(self) -> bool:
        return self.state in ("accepted", "accepted_by_silence")


def silence_date(form: RequestForm, *, sent_on, received_on) -> DateLine | None:
    start = received_on or sent_on
    if not (start and form.answer.months and form.answer.silence):
        return None
    return DateLine(
        "silence",
        "Sans réponse à cette date, votre demande vaut décision d'acceptation",
        add_months(start, form.answer.months),
        form.answer.silence,
        form.answer.start,
    )


def _validity(form: RequestForm, accepted_on: date, referential_changed: bool) -> list:
    v = form.validity
    if v is None:
        return [], []
    applies = v.renewal if referential_changed else v.prorogation
    end = DateLine(
        "validity",
        "Fin de validité de la recevabilité",
        add_months(accepted_on, v.months),
        v.text,
        options=tuple((t, t is applies) for t in (v.renewal, v.prorogation) if t),
    )
    return [end], []


def outcome(
    form: RequestForm,
    *,
    finalised: bool,
    sent_on: date | None,
    received_on: date | None,
    decision: str,
    decided_on: date | None,
    today: date,
    referential_changed: bool = False,
) -> Outcome:
    if not sent_on:
        if finalised:
            return Outcome("finalised", "Finalisée, à envoyer")
        return Outcome("draft", "En préparation")
    silence = silence_date(form, sent_on=sent_on, received_on=received_on)
    dates = [silence] if silence else []
    if decision == "favourable":
        accepted_on = decided_on or received_on or sent_on
        extra, notes = _validity(form, accepted_on, referential_changed)
        return Outcome(
            "accepted", "Recevabilité favorable", tuple(extra), tuple(notes), accepted_on
        )
    if decision == "defavorable":
        return Outcome("refused", "Recevabilité défavorable")
    if decision == "sans_reponse":
        if silence is None:
            notes = (form.answer.unknown,) if form.answer.unknown else ()
            return Outcome("unknown", "Pas de réponse", notes=notes)
        if today >= silence.day:
            extra, notes = _validity(form, silence.day, referential_changed)
            return Outcome(
                "accepted_by_silence",
                "Acceptée : pas de réponse au terme du délai",
                (silence, *extra),
                tuple(notes),
                silence.day,
            )
    notes = (form.answer.unknown,) if silence is None and form.answer.unknown else ()
    return Outcome("sent", "Envoyée, en attente de la réponse", tuple(dates), notes)
