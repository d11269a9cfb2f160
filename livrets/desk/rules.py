"""The desk's rules, as pure functions over plain values: what a decision needs, and which
receipt dates put a request's silence date before a given day."""

from __future__ import annotations

from datetime import date, timedelta

from portal.dates import add_months, french_day

MOTIFS_MAX = 4000
SOON_DAYS = 15
# The decisions the secretariat records, and the inbox's statuses (code -> French words).
ADMISSIBLE, INADMISSIBLE, INCOMPLETE = "recevable", "non_recevable", "incomplete"
PENDING, SILENCE = "a_examiner", "acceptee_par_silence"
OUTCOMES = {
    ADMISSIBLE: "Recevable",
    INADMISSIBLE: "Non recevable",
    INCOMPLETE: "Incomplète",
}
STATUSES = {
    PENDING: "À examiner",
    INCOMPLETE: "Incomplète",
    ADMISSIBLE: "Recevable",
    INADMISSIBLE: "Non recevable",
    SILENCE: "Acceptée par silence",
}


def decision_errors(
    *,
    outcome: str,
    motifs: str,
    decided_on: date | None,
    deposited_on: date | None,
    today: date,
    silence_on: date | None = None,
) -> dict[str, str]:
    """Field -> French message for a decision that cannot be recorded.

    ``silence_on``: the day the certifier's silence becomes acceptance, where the source says
    it does (004, 000). From that day on (the day itself included, as ``deadlines`` counts it)
    the request is accepted: « recevable » confirms it, « non recevable » and « incomplète »
    are refused."""
    errors = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = "Choisissez la décision : recevable, non recevable ou incomplète."
    elif outcome != ADMISSIBLE and silence_on is not None and today >= silence_on:
        errors["outcome"] = (
            f"Le silence du certificateur vaut acceptation depuis le {french_day(silence_on)} : "
            "la demande ne peut plus être déclarée non recevable ou incomplète."
        )
    if outcome in (INADMISSIBLE, INCOMPLETE) and not motifs.strip():
        errors["motifs"] = "Indiquez les motifs d'une demande non recevable ou incomplète."
    if len(motifs) > MOTIFS_MAX:
        errors["motifs"] = f"Les motifs tiennent en {MOTIFS_MAX} caractères au plus."
    if decided_on is None:
        errors["decided_on"] = "Indiquez la date de la décision (JJ/MM/AAAA)."
    elif decided_on > today:
        errors["decided_on"] = "La date de la décision ne peut pas être dans le futur."
    elif deposited_on and decided_on < deposited_on:
        errors["decided_on"] = (
            "La date de la décision ne peut pas précéder le dépôt de la demande, le "
            f"{french_day(deposited_on)}."
        )
    return errors


def latest_start_before(day: date, months: int) -> date:
    """The latest start whose end, ``months`` later, falls on or before ``day``: a request
    received on or before it has its silence date on or before ``day``."""
    start = add_months(day, -months)
    while add_months(start, months) > day:
        start -= timedelta(days=1)
    while add_months(start + timedelta(days=1), months) <= day:
        start += timedelta(days=1)
    return start


# 004: the commission's analysis of the gaps ------------------------------------------------

GAP_MAX = 4000
# The decisions after which the commission records its analysis: source 004 says its
# notification carries it « quelle que soit la décision de la commission de recevabilité ».
GAPS_AFTER = (ADMISSIBLE, INADMISSIBLE)


def gap_errors(entries: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Field -> French message for the commission's analysis of the gaps.

    ``entries``: unit code -> (gap found, training recommendations), in the referential's
    order. At least one activity must say something; each text holds ``GAP_MAX`` characters
    at most. The fields are named ``gap-<code>`` and ``reco-<code>``."""
    errors = {}
    for code, (gap, recommendations) in entries.items():
        if len(gap) > GAP_MAX:
            errors[f"gap-{code}"] = f"L'écart constaté tient en {GAP_MAX} caractères au plus."
        if len(recommendations) > GAP_MAX:
            errors[f"reco-{code}"] = (
                f"Les recommandations tiennent en {GAP_MAX} caractères au plus."
            )
    if not errors and not any(g.strip() or r.strip() for g, r in entries.values()):
        first = next(iter(entries), "")
        errors[f"gap-{first}" if first else ""] = (
            "Indiquez l'écart constaté ou les recommandations pour au moins une activité."
        )
    return errors


def national_form_missing(*, national: bool, stored: bool, uploaded: bool) -> bool:
    """Whether a deposit lacks the filled national form: a CQP whose request is the national
    form (000, 004) deposits it beside the portal's preparation file."""
    return national and not stored and not uploaded
