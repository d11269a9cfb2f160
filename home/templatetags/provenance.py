"""« Proposé par le portail » beside everything the portal says itself, with a link to what it
means. The web pages link to the explanation page; the PDFs set ``proposed_href`` to an anchor
of their own (they must read alone)."""

import functools

from django import template
from django.utils.html import conditional_escape, format_html

from home.referentials.provenance import PROPOSED, corrections, is_proposed
from portal import links

register = template.Library()


@functools.lru_cache(maxsize=64)
def _mark_for(href: str) -> str:
    return format_html('<a class="proposed" href="{}">{}</a>', href, PROPOSED)


def _mark(context) -> str:
    return _mark_for(context.get("proposed_href") or links.url("provenance"))


@register.simple_tag(takes_context=True)
def proposed(context, value=None):
    """The mark if ``value`` (a text or an object of the referential) is the portal's own; the
    mark unconditionally without argument."""
    if value is None or is_proposed(value):
        return _mark(context)
    return ""


@register.simple_tag(takes_context=True)
def sourced(context, value):
    """A referential's text, followed by the mark when the portal wrote it."""
    if value is None:
        return ""
    if is_proposed(value):
        return format_html("{} {}", conditional_escape(value), _mark(context))
    if fixed := corrections(value):
        # A typo of the source corrected: said, with the source's own word, and marked.
        said = ", ".join(f"« {theirs} » pour « {ours} »" for theirs, ours in fixed)
        return format_html(
            '{} <span class="correction">(la source écrit {} : corrigé par le portail)</span> {}',
            conditional_escape(value),
            said,
            _mark(context),
        )
    return conditional_escape(value)


@register.simple_tag(takes_context=True)
def sourced_or_unknown(context, value):
    """``sourced``, or « Les sources ne le disent pas. » when the referential has no text."""
    if not value:
        return "Les sources ne le disent pas."
    return sourced(context, value)
