"""``POST /api/v1/mastery``: the sources' mastery rule over ratings sent as JSON."""

from __future__ import annotations

from livrets.jury.payload import outcome_data, parse_mastery
from livrets.jury.referential import mastery_of
from livrets.jury.rules import cqp_outcome
from selfcheck.api import _errors, _json, endpoint, json_body
from selfcheck.selectors import cqp_list, referential_or_none


def owner_of_element(code: str) -> str | None:
    """The slug of the CQP in force whose referential has this element code."""
    for cqp in cqp_list():
        ref = referential_or_none(cqp["slug"])
        if ref and any(e.code == code for u in ref.units for e in u.elements):
            return ref.slug
    return None


@endpoint("POST")
def mastery(request):
    data, refused = json_body(request)
    if refused is not None:
        return refused
    checked, errors = parse_mastery(
        data, find_referential=referential_or_none, owner_of_element=owner_of_element
    )
    if checked is None:
        return _errors(errors)
    ref = checked.referential
    return _json(outcome_data(ref, cqp_outcome(ref, mastery_of(ref), checked.ratings)))
