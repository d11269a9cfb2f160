"""The recevabilité request's gaps analysis, shown on the livret 2 section it concerns."""

from __future__ import annotations

from django import template

from livrets.recevabilite.selectors import gap_request_for_livret

register = template.Library()


@register.inclusion_tag("recevabilite/_livret_gap.html")
def recevabilite_gap(livret, section):
    """The notice on a livret 2 section whose unit the notification's gaps analysis flagged."""
    if not section.unit:
        return {"flagged": False}
    if hasattr(livret, "recevabilite_gaps"):  # annotated by livret2.selectors.livret_for
        units, note = livret.recevabilite_gaps or [], livret.recevabilite_gap_note or ""
    else:
        request = gap_request_for_livret(livret)
        units = request.gap_units if request else []
        note = request.gap_note if request else ""
    return {"flagged": section.unit in units, "note": note}


@register.inclusion_tag("recevabilite/_review_link.html")
def recevabilite_link(livret):
    """For an accompagnateur: the candidate's recevabilité request on the livret's CQP."""
    from livrets.recevabilite.models import RecevabiliteRequest

    found = RecevabiliteRequest.objects.filter(
        owner_id=livret.owner_id, cqp_id=livret.cqp_id
    ).first()
    return {"rq": found}
