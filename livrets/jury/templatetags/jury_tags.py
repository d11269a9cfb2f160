"""``{% jury_demarches %}``: the jury's decisions and what remains, for « Mes démarches »."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..selectors import latest_decisions

register = template.Library()


@register.inclusion_tag("jury/_demarches.html", takes_context=True)
def jury_demarches(context) -> dict:
    user = context["request"].user
    return {"decisions": latest_decisions(user, today=timezone.localdate())}
