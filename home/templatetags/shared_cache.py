"""``{% shared_cache timeout name var… %}``: Django's ``{% cache %}`` through ``portal.shared``.

For a fragment that never changes for the same variables (a referential version's notice
part): the process reuses the string it has already read instead of unpickling it from the
shared cache on every visit.
"""

from __future__ import annotations

from django import template
from django.core.cache.utils import make_template_fragment_key
from django.utils.safestring import mark_safe

from portal import shared

register = template.Library()


class SharedCacheNode(template.Node):
    def __init__(self, nodelist, timeout: int, name: str, vary_on: list):
        self.nodelist = nodelist
        self.timeout = timeout
        self.name = name
        self.vary_on = vary_on

    def render(self, context) -> str:
        key = make_template_fragment_key(self.name, [v.resolve(context) for v in self.vary_on])
        value = shared.get(key)
        if value is None:
            value = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered template
            shared.set(key, value, self.timeout)
        return value


@register.tag("shared_cache")
def do_shared_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 3 or not bits[1].isdigit():
        raise template.TemplateSyntaxError("usage: {% shared_cache <seconds> <name> [var…] %}")
    nodelist = parser.parse(("endshared_cache",))
    parser.delete_first_token()
    return SharedCacheNode(
        nodelist, int(bits[1]), bits[2], [parser.compile_filter(b) for b in bits[3:]]
    )
