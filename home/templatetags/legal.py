"""``{% legal_links as links %}``: the footer's pages, at their fixed addresses (no query)."""

from __future__ import annotations

import functools

from django import template
from django.urls import get_script_prefix

from home.legal.models import FOOTER

register = template.Library()


@functools.lru_cache(maxsize=8)
def _links(prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple((title, f"{prefix}{slug}/") for slug, title in FOOTER)


@register.simple_tag
def legal_links() -> tuple[tuple[str, str], ...]:
    """(title, address) of each page the footer links to, under the portal's address."""
    return _links(get_script_prefix())
