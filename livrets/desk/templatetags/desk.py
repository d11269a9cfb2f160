"""The desk as the candidate's request pages show it: the deposit offered where the CQP's
certifier receives requests on the portal, the certifier's answer and its letters."""

from __future__ import annotations

from django import template
from django.utils import timezone

from livrets.desk import jury_selectors, selectors

register = template.Library()


@register.inclusion_tag("desk/_deposit.html")
def deposit_panel(rq):
    c = rq.candidature
    return {
        "rq": rq,
        "c": c,
        "letters": selectors.letters(c) if c.deposited_on else [],
        "offered": rq.is_finalised and not c.at_desk and selectors.has_secretariat(c.cqp_id),
    }


@register.inclusion_tag("desk/_livret_deposit.html", takes_context=True)
def livret_deposit_panel(context, livret):
    """The livret 2's deposit to the certifier, on the livret's page: where it stands, and
    the button where it may be deposited today (the service says why not otherwise)."""
    user = context["request"].user
    c = livret.candidature
    news = jury_selectors.candidate_news(c)
    receives = selectors.has_secretariat(c.cqp_id)
    return {
        "livret": livret,
        "c": c,
        "news": news,
        "receives": receives,
        "may_deposit": jury_selectors.may_deposit_livret(user, livret, today=timezone.localdate())
        if receives
        else False,
        "request": context["request"],
    }


@register.inclusion_tag("desk/_candidate_news.html")
def candidate_desk_news(c):
    """« Mes démarches »: the livret 2 deposited, the convocation to a jury session."""
    return {"c": c, "news": jury_selectors.candidate_news(c)}
