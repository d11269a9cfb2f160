"""``{% jury_demarches %}``: the jury's decisions and what remains, for « Mes démarches »."""

from __future__ import annotations

from django import template
from django.utils import timezone

from livrets.jury.selectors import latest_decisions

register = template.Library()


@register.inclusion_tag("jury/_demarches.html", takes_context=True)
def jury_demarches(context) -> dict:
    user = context["request"].user
    return {"decisions": latest_decisions(user, today=timezone.localdate())}


@register.inclusion_tag("jury/_origin.html")
def jury_origin(livret) -> dict:
    """On a livret started after a partial validation: which units are kept, which remain."""
    from livrets.jury.models import JuryDecision
    from livrets.jury.selectors import decision_view

    decision = JuryDecision.objects.filter(follow_up=livret).first()
    if decision is None:
        return {"view": None}
    ref = livret.referential_version.referential
    return {"view": decision_view(decision, ref, today=timezone.localdate())}
