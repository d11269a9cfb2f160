"""The recevabilité request's gaps analysis, shown on the livret 2 section it concerns."""

from __future__ import annotations

from django import template

from ..selectors import gap_request_for_livret

register = template.Library()


@register.inclusion_tag("recevabilite/_livret_gap.html")
def recevabilite_gap(livret, section):
    """The notice on a livret 2 section whose unit the notification's gaps analysis flagged."""
    if not section.unit:
        return {"flagged": False}
    request = gap_request_for_livret(livret)
    flagged = request is not None and section.unit in (request.gap_units or [])
    return {"flagged": flagged, "rq": request}


@register.inclusion_tag("recevabilite/_review_link.html")
def recevabilite_link(livret):
    """For an accompagnateur: the candidate's recevabilité request on the livret's CQP."""
    from ..models import Request

    found = Request.objects.filter(owner_id=livret.owner_id, cqp_id=livret.cqp_id).first()
    return {"rq": found}
