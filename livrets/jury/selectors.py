"""Reads of the jury preparation: the grid of a livret in a fixed number of queries, the
rating history, the candidate's decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from home.referentials.domain import Element, Referential, Unit
from livrets.candidatures import access
from livrets.jury import rules
from livrets.jury.evidence import Option, options_for, unit_section
from livrets.jury.models import Evidence, JuryDecision, Rating, RatingValue, Role
from livrets.jury.referential import Mastery, mastery_of
from livrets.livret2.models import Livret
from livrets.livret2.selectors import content_of


@dataclass
class ElementRow:
    element: Element
    candidate: str = ""
    accompagnateur: str = ""
    evidence: list[Option] = field(default_factory=list)
    ratings_count: int = 0

    @property
    def candidate_label(self) -> str:
        return RatingValue(self.candidate).label if self.candidate else "Pas encore évalué"

    @property
    def accompagnateur_label(self) -> str:
        return (
            RatingValue(self.accompagnateur).label if self.accompagnateur else "Pas encore évalué"
        )

    @property
    def differs(self) -> bool:
        return bool(
            self.candidate and self.accompagnateur and self.candidate != self.accompagnateur
        )


@dataclass
class UnitGrid:
    unit: Unit
    name: str
    section_code: str
    options: tuple[Option, ...]
    elements: list[ElementRow]
    # Where the source gives no element: the evidence linked to the unit itself.
    unit_evidence: list[Option]
    candidate: rules.UnitOutcome
    accompagnateur: rules.UnitOutcome | None

    @property
    def anchor(self) -> str:
        return f"unite-{self.unit.code}"

    @property
    def needs_evidence(self) -> bool:
        """Not mastered or undetermined by the candidate's own rating, or an element (the unit,
        without elements) that no part of the livret shows yet."""
        if self.elements:
            return self.candidate.mastered is not True or any(not r.evidence for r in self.elements)
        return not self.unit_evidence

    @property
    def differences(self) -> int:
        return sum(1 for r in self.elements if r.differs)


@dataclass
class Grid:
    livret: Livret
    ref: Referential
    mastery: Mastery
    units: list[UnitGrid]
    candidate: rules.CqpOutcome
    accompagnateur: rules.CqpOutcome | None
    has_accompagnateur: bool

    @property
    def differences(self) -> int:
        return sum(u.differences for u in self.units)


def current_ratings(ratings: list[Rating]) -> dict[str, dict[str, str]]:
    """role -> element code -> latest value ("" withdrawn ones dropped)."""
    current: dict[str, dict[str, str]] = {Role.CANDIDATE: {}, Role.ACCOMPAGNATEUR: {}}
    for r in ratings:  # oldest first
        current.setdefault(r.role, {})[r.element_code] = r.value
    return {role: {k: v for k, v in values.items() if v} for role, values in current.items()}


def has_accompagnateur(livret: Livret) -> bool:
    return access.has_accompagnateur(livret.candidature)


def grid_of(livret: Livret) -> Grid:
    """Everything the grid shows, in five queries whatever the number of ratings."""
    ref = livret.referential_version.referential
    mastery = mastery_of(ref)
    ratings = list(Rating.objects.filter(livret=livret).only("element_code", "role", "value"))
    current = current_ratings(ratings)
    counts: dict[str, int] = {}
    for r in ratings:
        counts[r.element_code] = counts.get(r.element_code, 0) + 1
    linked: dict[str, set[str]] = {}
    for target, source in Evidence.objects.filter(livret=livret).values_list("target", "source"):
        linked.setdefault(target, set()).add(source)
    content = content_of(
        list(livret.answers.only("situation_id", "section_code", "field_key", "text")),
        list(livret.situations.all()),
    )
    coach = has_accompagnateur(livret)
    mine = rules.cqp_outcome(ref, mastery, current[Role.CANDIDATE])
    theirs = rules.cqp_outcome(ref, mastery, current[Role.ACCOMPAGNATEUR]) if coach else None
    units = []
    for i, unit in enumerate(ref.units):
        options = options_for(ref, unit, content)
        section = unit_section(ref, unit)
        rows = [
            ElementRow(
                element=e,
                candidate=current[Role.CANDIDATE].get(e.code, ""),
                accompagnateur=current[Role.ACCOMPAGNATEUR].get(e.code, ""),
                evidence=[o for o in options if o.key in linked.get(e.code, ())],
                ratings_count=counts.get(e.code, 0),
            )
            for e in (unit.elements if mastery.rates_elements else ())
        ]
        units.append(
            UnitGrid(
                unit=unit,
                name=ref.unit_name(unit),
                section_code=section.code if section else "",
                options=options,
                elements=rows,
                unit_evidence=[o for o in options if o.key in linked.get(unit.code, ())],
                candidate=mine.units[i],
                accompagnateur=theirs.units[i] if theirs else None,
            )
        )
    return Grid(livret, ref, mastery, units, mine, theirs, coach)


def rating_history(livret: Livret) -> list[Rating]:
    return list(
        Rating.objects.filter(livret=livret).select_related("author").order_by("-created_at", "-pk")
    )


# Decisions ------------------------------------------------------------------------------


@dataclass
class DecisionView:
    decision: JuryDecision
    ref: Referential
    validated: list[Unit]
    remaining: list[Unit]
    until: date | None
    keeping: str  # "", "kept", "ending", "ended"
    warn_from: date | None
    mastery: Mastery

    @property
    def partial(self) -> bool:
        return self.decision.outcome == "partielle"


def decision_view(decision: JuryDecision, ref: Referential, *, today: date) -> DecisionView:
    mastery = mastery_of(ref)
    validated = set(decision.validated_units) if decision.outcome == "partielle" else set()
    if decision.outcome == "totale":
        validated = {u.code for u in ref.units}
    until = (
        rules.kept_until(decision.decided_on, mastery.kept_years)
        if decision.outcome == "partielle"
        else None
    )
    return DecisionView(
        decision=decision,
        ref=ref,
        validated=[u for u in ref.units if u.code in validated],
        remaining=[u for u in ref.units if u.code not in validated],
        until=until,
        keeping=rules.keeping_state(until=until, today=today),
        warn_from=rules.warning_from(until) if until else None,
        mastery=mastery,
    )


def decisions_of(user, *, cqp_id: int | None = None):
    qs = JuryDecision.objects.filter(owner=user).select_related(
        "cqp", "livret__referential_version", "follow_up", "cqp__current"
    )
    return qs.filter(cqp_id=cqp_id) if cqp_id else qs


def certifier_decision(candidature_id: int) -> JuryDecision | None:
    """The jury's decision the certifier recorded on the portal for the candidature, if any."""
    return (
        JuryDecision.objects.filter(candidature_id=candidature_id, by_certifier=True)
        .select_related("livret__referential_version", "follow_up", "cqp__current")
        .first()
    )


def latest_decisions(user, *, today: date) -> list[DecisionView]:
    """The latest decision per CQP, for « Mes démarches »."""
    seen: set[int] = set()
    views = []
    for d in decisions_of(user):
        if d.cqp_id in seen:
            continue
        seen.add(d.cqp_id)
        version = d.livret.referential_version if d.livret else d.cqp.current
        views.append(decision_view(d, version.referential, today=today))
    return views


@dataclass(frozen=True)
class ChosenCompetences:
    """A part of the livret where the source asks to address some of listed competences: the
    ones the candidate ticked, and those left for the exchange with the jury."""

    section_title: str
    label: str
    minimum: int
    # Each competence's label, and whether the candidate ticked it.
    items: tuple[tuple[str, bool], ...]

    @property
    def left(self) -> tuple[str, ...]:
        return tuple(label for label, ticked in self.items if not ticked)


def chosen_competences(livret: Livret) -> list[ChosenCompetences]:
    """For each section with choices (004's activity II), what the candidate ticked."""
    ref = livret.referential_version.referential
    sections = [s for s in ref.livret_sections if s.choices]
    if not sections:
        return []
    answers = dict(
        livret.answers.filter(
            situation=None, section_code__in=[s.code for s in sections], field_key="choix"
        ).values_list("section_code", "text")
    )
    found = []
    for section in sections:
        codes = {c.strip() for c in answers.get(section.code, "").split(",")}
        items = section.choices.items
        found.append(
            ChosenCompetences(
                section_title=section.title,
                label=section.choices.label,
                minimum=section.choices.min,
                items=tuple((c.label, c.code in codes) for c in items),
            )
        )
    return found
