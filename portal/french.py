"""French typography for the words the portal writes: plurals and numbers.

French takes the singular for 0 and 1 (« 0 partie complète », « 1 commentaire »), and groups
the digits of a number by three with a narrow no-break space (« 10 000 caractères »).
"""

from __future__ import annotations

NARROW_NBSP = "\u202f"


def is_plural(count: int | float) -> bool:
    """French: plural from 2 on; 0 and 1 take the singular."""
    return abs(count) >= 2


def plural(count: int | float, singular: str, plural_form: str | None = None) -> str:
    """The word agreed with the count: ``plural(0, "partie")`` is "partie"."""
    if not is_plural(count):
        return singular
    return plural_form if plural_form is not None else f"{singular}s"


def number(value: int | float) -> str:
    """Digits grouped by three with a narrow no-break space, a decimal comma."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", NARROW_NBSP) + "," + decimals
    return f"{int(value):,}".replace(",", NARROW_NBSP)


def count(value: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 commentaire », « 12 000 caractères »."""
    return f"{number(value)} {plural(value, singular, plural_form)}"
