"""The sources' mastery rules and the jury decision's dates, as pure functions.

One function per kind of rule in the data (``elements_tolerance``, ``bloc_threshold``,
``all_units``), applied exactly as the source words it. Where the data cannot decide (the
essential markings of source 002 were lost), the answer is ``None`` with the reason: never a
guess. No ORM, no request: the grid, the API and the PDF call these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from home.referentials.domain import Referential, Unit
from livrets.jury.referential import BLOC_THRESHOLD, ELEMENTS_TOLERANCE, Mastery

NON_MIS_EN_OEUVRE, NON_ACQUIS, ACQUIS = "non_mis_en_oeuvre", "non_acquis", "acquis"
RATINGS = (NON_MIS_EN_OEUVRE, NON_ACQUIS, ACQUIS)
MASTERED, NOT_MASTERED, UNDETERMINED = "maitrisee", "non_maitrisee", "indetermine"
STATE_LABELS = {
    MASTERED: "maîtrisée",
    NOT_MASTERED: "non maîtrisée",
    UNDETERMINED: "indéterminé",
}
NUMBER_WORDS = {1: "un", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq"}
# Proposé par le portail: how long before the end of the five years the candidate is warned.
WARNING_MONTHS = 6


@dataclass(frozen=True)
class Rated:
    """An element (or a criterion) with what the data says of it and its rating, if any."""

    code: str
    essential: bool | None
    rating: str | None


@dataclass(frozen=True)
class Outcome:
    mastered: bool | None
    reasons: tuple[str, ...]
    missing: tuple[str, ...] = ()

    @property
    def state(self) -> str:
        return {True: MASTERED, False: NOT_MASTERED, None: UNDETERMINED}[self.mastered]

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class UnitOutcome(Outcome):
    code: str = ""
    # False when the source gives nothing to compute with (no elements, no criteria).
    computable: bool = True


@dataclass(frozen=True)
class CqpOutcome(Outcome):
    units: tuple[UnitOutcome, ...] = ()


def join(codes: Sequence[str]) -> str:
    """ "C1.E1", "C1.E1 et C1.E2", "C1.E1, C1.E2 et C1.E3"."""
    codes = list(codes)
    return codes[0] if len(codes) == 1 else ", ".join(codes[:-1]) + " et " + codes[-1]


def _verb(codes: Sequence[str], singular: str, plural: str) -> str:
    return f"{join(codes)} {singular if len(codes) == 1 else plural}"


def _missing_reason(missing: Sequence[str]) -> str:
    return (
        _verb(missing, "n’est pas encore évalué", "ne sont pas encore évalués")
        + " : la règle s’applique quand chaque élément l’est."
    )


def elements_tolerance(*, elements: Sequence[Rated], max_non_implemented: int) -> Outcome:
    """Source 002: « Une compétence est maitrisée si tous les éléments incontournables sont
    acquis, un ou deux éléments non incontournables par compétence peuvent être cochés « non
    mis en œuvre ». »

    Its only tolerance is « non mis en œuvre » on non-essential elements: any « non acquis »
    fails, and so do more « non mis en œuvre » than tolerated. An element « non mis en
    œuvre » whose essential marking is unknown leaves the result undetermined.
    """
    missing = tuple(e.code for e in elements if e.rating is None)
    not_acquired = [e.code for e in elements if e.rating == NON_ACQUIS]
    absent = [e for e in elements if e.rating == NON_MIS_EN_OEUVRE]
    failures = []
    if not_acquired:
        failures.append(
            _verb(not_acquired, "est « non acquis »", "sont « non acquis »")
            + " : la règle ne tolère que « non mis en œuvre », et seulement sur des éléments"
            " non incontournables."
        )
    if len(absent) > max_non_implemented:
        words = NUMBER_WORDS.get(max_non_implemented, str(max_non_implemented))
        failures.append(
            f"{len(absent)} éléments sont « non mis en œuvre » ({join([e.code for e in absent])})"
            f" : la règle en tolère {words} au plus."
        )
    essential_absent = [e.code for e in absent if e.essential is True]
    if essential_absent:
        failures.append(
            _verb(essential_absent, "est incontournable", "sont incontournables")
            + " et « non mis en œuvre » : la règle exige que tous les éléments incontournables"
            " soient acquis."
        )
    if missing:
        return Outcome(None, (_missing_reason(missing), *failures), missing)
    if failures:
        return Outcome(False, tuple(failures))
    unknown = [e.code for e in absent if e.essential is None]
    if unknown:
        return Outcome(
            None,
            (
                _verb(unknown, "est « non mis en œuvre »", "sont « non mis en œuvre »")
                + " et la source ne dit pas quels éléments sont incontournables (leur marque"
                " est perdue) : la règle ne tolère « non mis en œuvre » que sur un élément non"
                " incontournable, le portail ne peut donc pas décider.",
            ),
        )
    if absent:
        codes = [e.code for e in absent]
        return Outcome(
            True,
            (
                _verb(codes, "est non incontournable", "sont non incontournables")
                + " et « non mis en œuvre », les autres éléments sont acquis : la règle le"
                " tolère.",
            ),
        )
    return Outcome(True, ("Tous les éléments sont acquis.",))


def bloc_threshold(*, criteria: Sequence[Rated], threshold_percent: int) -> Outcome:
    """Source 000: « Pour obtenir un bloc de compétences, le candidat doit avoir acquis 80% des
    critères d'évaluation associés et acquis l'ensemble des critères essentiels ».

    A criterion is rated ``acquis`` or not; its essential marking may be unknown.
    """
    if not criteria:
        return Outcome(
            None,
            (
                "La source ne donne pas les critères d’évaluation de ce bloc ni lesquels sont"
                " essentiels : le portail ne peut pas appliquer la règle.",
            ),
        )
    missing = tuple(c.code for c in criteria if c.rating is None)
    lacking = [c for c in criteria if c.rating is not None and c.rating != ACQUIS]
    acquired = sum(1 for c in criteria if c.rating == ACQUIS)
    failures = []
    essential_lacking = [c.code for c in lacking if c.essential is True]
    if essential_lacking:
        failures.append(
            _verb(essential_lacking, "est essentiel et non acquis", "sont essentiels et non acquis")
            + " : la règle exige l’ensemble des critères essentiels."
        )
    if not missing and acquired * 100 < threshold_percent * len(criteria):
        failures.append(
            f"{acquired} critère{'s' if acquired > 1 else ''} acquis sur {len(criteria)} :"
            f" la règle en exige {threshold_percent} %."
        )
    if missing:
        return Outcome(None, (_missing_reason(missing), *failures), missing)
    if failures:
        return Outcome(False, tuple(failures))
    unknown = [c.code for c in lacking if c.essential is None]
    if unknown:
        return Outcome(
            None,
            (
                _verb(unknown, "n’est pas acquis", "ne sont pas acquis")
                + " et la source ne dit pas s’ils sont essentiels : le portail ne peut pas"
                " décider.",
            ),
        )
    return Outcome(
        True,
        (f"{acquired} critères acquis sur {len(criteria)} et tous les critères essentiels.",),
    )


def all_units(outcomes: Sequence[Outcome]) -> bool | None:
    """The CQP needs every unit: false as soon as one is not mastered, true when all are."""
    if any(o.mastered is False for o in outcomes):
        return False
    if outcomes and all(o.mastered is True for o in outcomes):
        return True
    return None


def unit_outcome(
    mastery: Mastery, unit: Unit, ratings: Mapping[str, str], *, unit_name: str = ""
) -> UnitOutcome:
    """One unit under the referential's kind of rule, at the level its source gives."""
    if mastery.kind == ELEMENTS_TOLERANCE and unit.elements:
        rated = [Rated(e.code, e.essential, ratings.get(e.code)) for e in unit.elements]
        o = elements_tolerance(elements=rated, max_non_implemented=mastery.max_non_implemented or 0)
    elif mastery.kind == BLOC_THRESHOLD:
        rated = [
            Rated(f"{e.code}.{i}", None, ratings.get(f"{e.code}.{i}"))
            for e in unit.elements
            for i, _ in enumerate(e.criteria, 1)
        ]
        o = bloc_threshold(criteria=rated, threshold_percent=mastery.threshold_percent or 100)
        return UnitOutcome(o.mastered, o.reasons, o.missing, code=unit.code, computable=bool(rated))
    else:
        name = unit_name or unit.code
        return UnitOutcome(
            None,
            (
                f"{name} : la source n’en donne ni les éléments ni la règle de maîtrise, le"
                " portail ne peut donc pas calculer ce résultat ; c’est le jury qui évalue.",
            ),
            code=unit.code,
            computable=False,
        )
    return UnitOutcome(o.mastered, o.reasons, o.missing, code=unit.code)


def cqp_outcome(ref: Referential, mastery: Mastery, ratings: Mapping[str, str]) -> CqpOutcome:
    """Every unit, then the CQP (all units): the same answer for the grid, the API, the PDF."""
    units = tuple(unit_outcome(mastery, u, ratings, unit_name=ref.unit_name(u)) for u in ref.units)
    obtained = all_units(units)
    names = {u.code: ref.unit_name(u) for u in ref.units}
    if obtained is True:
        reason = f"Toutes les {ref.unit_plural} sont maîtrisées : le CQP demande chacune."
    elif obtained is False:
        failed = [names[u.code] for u in units if u.mastered is False]
        reason = (
            _verb(failed, "n’est pas maîtrisée", "ne sont pas maîtrisées")
            + " : le CQP demande chacune."
        )
    elif not any(u.computable for u in units):
        reason = (
            "Le portail ne peut pas calculer ce résultat : la source ne donne ni échelle "
            "d’évaluation par élément ni critères d’évaluation pour ce CQP."
        )
    else:
        open_ = [names[u.code] for u in units if u.mastered is None]
        reason = _verb(open_, "reste indéterminée", "restent indéterminées") + "."
    return CqpOutcome(obtained, (reason,), units=units)


# The jury's decision -------------------------------------------------------------------


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def kept_until(decided_on: date, years: int | None) -> date | None:
    """The last day the validated units are kept, when the source gives a duration."""
    return add_years(decided_on, years) if years else None


def warning_from(until: date) -> date:
    months = until.month - WARNING_MONTHS
    year = until.year + (months - 1) // 12
    month = (months - 1) % 12 + 1
    for day in (until.day, 30, 29, 28):
        try:
            return until.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def keeping_state(*, until: date | None, today: date) -> str:
    """ "" (no duration in the source), "kept", "ending" (warn) or "ended"."""
    if until is None:
        return ""
    if today > until:
        return "ended"
    return "ending" if today >= warning_from(until) else "kept"


def remaining_units(unit_codes: Sequence[str], validated: Sequence[str]) -> tuple[str, ...]:
    kept = set(validated)
    return tuple(c for c in unit_codes if c not in kept)
