"""The desk as the candidate's request pages show it: the deposit offered where the CQP's
certifier receives requests on the portal."""

from __future__ import annotations

from django import template

from livrets.desk import selectors

register = template.Library()


@register.inclusion_tag("desk/_deposit.html")
def deposit_panel(rq):
    c = rq.candidature
    return {
        "rq": rq,
        "c": c,
        "offered": rq.is_finalised and not c.at_desk and selectors.has_secretariat(c.cqp_id),
    }
