"""The desk's rules, as pure functions over plain values: what a decision (the secretariat's,
the jury's) needs, which receipt dates put a request's silence date before a given day, when a
livret 2 may be deposited, what a jury session needs and who may be seated in one."""

from __future__ import annotations

from datetime import date, timedelta

from portal.dates import add_months, add_months_or_none, french_day

MOTIFS_MAX = 4000
SOON_DAYS = 15
# The decisions the secretariat records, and the inbox's statuses (code -> French words).
ADMISSIBLE, INADMISSIBLE, INCOMPLETE = "recevable", "non_recevable", "incomplete"
PENDING, SILENCE = "a_examiner", "acceptee_par_silence"
LIVRET_DEPOSITED, JURY = "livret_depose", "jury"
PLACE_MAX = 200
# The jury's decision recorded by the certifier (the inbox's last status).
JURY_DECIDED = "decision"
# A recevable request whose evaluation started: an evaluator is named or a mark is written.
EVALUATION = "evaluation"
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
    LIVRET_DEPOSITED: "Livret déposé",
    EVALUATION: "Évaluation",
    JURY: "Jury",
    JURY_DECIDED: "Décision",
}
# The jury's decisions, in the sources' words (004: « totale, partielle ou encore aucune »).
TOTAL, PARTIAL, NONE = "totale", "partielle", "aucune"
JURY_OUTCOMES = {
    TOTAL: "Validation totale",
    PARTIAL: "Validation partielle",
    NONE: "Aucune validation",
}
# Where the source has the accompagnateur transmit the livret 2 (004: the Institut 4.10's
# accompagnateur VAE), the invited accompagnateur may deposit it: the source's words.
ACCOMPAGNATEUR_DEPOSITS = {
    "conseiller-offres-services": (
        "Une fois votre dossier de validation terminé, si vous êtes accompagné dans votre "
        "démarche par l'Institut 4.10, votre accompagnateur VAE transmettra votre dossier aux "
        "membres du jury"
    ),
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


def jury_decision_errors(
    *,
    outcome: str,
    validated: list[str],
    units: list[str],
    unit_plural: str,
    motifs: str,
    decided_on: date | None,
    admissible_on: date | None,
    today: date,
) -> dict[str, str]:
    """Field -> French message for a jury decision the certifier cannot record.

    ``units``: the codes of the referential's units; ``validated``: those the jury validated
    (a partial validation only: some, not all). ``admissible_on``: the day the request became
    recevable (the secretariat's decision, or the day silence became acceptance); the jury
    cannot have decided before it."""
    errors = {}
    if outcome not in JURY_OUTCOMES:
        errors["outcome"] = (
            "Choisissez la décision du jury : validation totale, partielle ou aucune."
        )
    elif unknown := sorted(set(validated) - set(units)):
        errors["validated_units"] = f"Parties inconnues pour ce CQP : {', '.join(unknown)}."
    elif outcome == PARTIAL:
        chosen = set(validated)
        if not chosen or not chosen < set(units):
            errors["validated_units"] = (
                f"Cochez ce que le jury a validé ({unit_plural}) : une partie, pas tout "
                "(ce serait une validation totale) ni rien."
            )
    if outcome in (PARTIAL, NONE) and not motifs.strip():
        errors["motifs"] = "Indiquez les motifs d'une validation partielle ou d'aucune validation."
    if len(motifs) > MOTIFS_MAX:
        errors["motifs"] = f"Les motifs tiennent en {MOTIFS_MAX} caractères au plus."
    if decided_on is None:
        errors["decided_on"] = "Indiquez la date de la décision du jury (JJ/MM/AAAA)."
    elif decided_on > today:
        errors["decided_on"] = "La date de la décision du jury ne peut pas être dans le futur."
    elif admissible_on and decided_on < admissible_on:
        errors["decided_on"] = (
            "La date de la décision du jury ne peut pas précéder la recevabilité de la "
            f"demande, le {french_day(admissible_on)}."
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


def is_admissible(*, desk_status: str, silence_on: date | None, today: date) -> bool:
    """Recevable at the desk: so declared, or accepted by the certifier's silence (pending on
    or after the silence day, as ``decision_errors`` counts it)."""
    if desk_status == ADMISSIBLE:
        return True
    return desk_status == PENDING and silence_on is not None and today >= silence_on


def last_deposit_day(*, jury_on: date | None, months_before: int | None) -> date | None:
    """The last day a livret 2 reaches the jury in time, where the source gives a delay
    before the session (004: 1 month); None otherwise (and for a stored date too far off to
    count from)."""
    if not months_before:
        return None
    return add_months_or_none(jury_on, -months_before)


def livret_deposit_errors(
    *,
    finalised: bool,
    reopened: bool,
    already_deposited: date | None,
    admissible: bool,
    last_day: date | None,
    due_text: str,
    today: date,
) -> dict[str, str]:
    """Field ("" for the whole livret) -> French message for a livret 2 that cannot be
    deposited; the first reason only, as the candidate reads it."""
    if already_deposited is not None:
        return {"": f"Ce livret est déjà déposé, le {french_day(already_deposited)}."}
    if reopened:
        return {"": "Ce livret a été rouvert : déposez la nouvelle version une fois finalisée."}
    if not finalised:
        return {"": "Finalisez votre livret avant de le déposer."}
    if not admissible:
        return {
            "": "Votre demande de recevabilité n'est pas recevable à ce jour : le livret 2 "
            "se dépose une fois la demande déclarée recevable (ou acceptée par le silence du "
            "certificateur)."
        }
    if last_day is not None and today > last_day:
        quote = f"« {due_text} » " if due_text else ""
        return {
            "": f"{quote}Le dernier jour pour déposer votre livret avant la session du jury "
            f"était le {french_day(last_day)} : contactez le certificateur."
        }
    return {}


def session_errors(*, held_on: date | None, place: str, today: date) -> dict[str, str]:
    """Field -> French message for a jury session that cannot be created."""
    errors = {}
    if held_on is None:
        errors["held_on"] = "Indiquez la date de la session (JJ/MM/AAAA)."
    elif held_on < today:
        errors["held_on"] = "La date de la session ne peut pas être dans le passé."
    if not place.strip():
        errors["place"] = "Indiquez le lieu de la session."
    elif len(place) > PLACE_MAX:
        errors["place"] = f"Le lieu tient en {PLACE_MAX} caractères au plus."
    return errors


def seat_errors(
    *,
    same_cqp: bool,
    livret_deposited: bool,
    admissible: bool,
    seated_elsewhere: date | None,
    seated_here: bool,
    livret_due_before_jury: bool,
    held_on: date,
    today: date,
) -> dict[str, str]:
    """Field ``candidature`` -> French message for a candidature that cannot be seated in a
    session. A livret deposited is needed, except where the source has the livret reach the
    jury before a session (004): a recevable request is then enough."""
    if not same_cqp:
        return {"candidature": "Choisissez une candidature de ce CQP dans la liste."}
    if seated_here:
        return {"candidature": "Ce candidat est déjà convoqué à cette session."}
    if seated_elsewhere is not None:
        return {
            "candidature": "Ce candidat est déjà convoqué à la session du "
            f"{french_day(seated_elsewhere)} : retirez-le d'abord de celle-ci."
        }
    if held_on < today:
        return {"candidature": "Cette session est passée : on n'y convoque plus personne."}
    if not livret_deposited and not (livret_due_before_jury and admissible):
        return {
            "candidature": "Le livret 2 de ce candidat n'est pas déposé : il ne peut pas "
            "encore être convoqué."
            if not livret_due_before_jury
            else "La demande de ce candidat n'est pas recevable : il ne peut pas être convoqué."
        }
    return {}


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
