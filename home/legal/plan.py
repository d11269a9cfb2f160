"""« Plan du site »: every public page, from the page tree and the URL configuration.

The public pages of the tree are read as they are published. The views are read from the
URL configuration: every view open without signing in and without argument is either in
``TITLES`` (listed under its French title) or in ``NOT_IN_PLAN`` with the reason it is not a
page to reach from a plan (a file, an API, a step reached from another page); a test fails
on a public view in neither, so a new public page cannot be left out.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, get_urlconf, reverse
from wagtail.models import Page

# Public views listed in the plan, in this order, under these titles.
TITLES: dict[str, str] = {
    "selfcheck:start": "Vérifier mon éligibilité",
    "search": "Rechercher sur le portail",
    "provenance": "« Proposé par le portail » : ce que cela veut dire",
    "account_signup": "Créer un compte",
    "account_login": "Se connecter",
    "account_reset_password": "Mot de passe oublié",
}

# Public views that are not pages to open from a plan.
NOT_IN_PLAN: dict[str, str] = {
    "wagtail_serve": "les pages de l’arborescence, listées par ailleurs",
    "admin_login_redirect": "l’entrée de l’espace des éditeurs",
    "health": "l’état du serveur, pour la supervision",
    "selfcheck:result": "le résultat, après les étapes de la vérification",
    "selfcheck:result_pdf": "un fichier PDF",
    "selfcheck:result_pdf_progress": "la préparation d’un PDF",
    "account_logout": "la déconnexion",
    "account_inactive": "un message après une connexion refusée",
    "account_email_verification_sent": "un message après l’inscription",
    "account_confirm_login_code": "une étape de la connexion",
    "account_reset_password_done": "un message après la demande de mot de passe",
    "account_reset_password_from_key_done": "un message après le changement de mot de passe",
    "mfa_authenticate": "une étape de la connexion",
    "livrets:extend_session": "la prolongation de la session, depuis une page",
    "password_strength": "la robustesse d’un mot de passe, affichée pendant la saisie",
}

# Views of the Wagtail admin and APIs (their own modules): never pages of the portal.
NOT_PAGES = ("wagtail.", "django.", "ninja.")


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    children: tuple[Entry, ...] = ()


def _walk(patterns, namespace: str | None = None) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), p


def _takes_arguments(pattern: URLPattern) -> bool:
    regex = getattr(pattern.pattern, "regex", None)
    return bool(getattr(pattern.pattern, "converters", {}) or (regex and regex.groupindex))


def public_views() -> list[str]:
    """The names of the views open without signing in, taking no argument."""
    names = []
    for name, pattern in _walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "") or ""
        if module.startswith(NOT_PAGES) or _takes_arguments(pattern):
            continue
        if getattr(pattern.callback, "login_required", True) is False:
            names.append(name)
    return names


@functools.cache
def _views(urlconf) -> tuple[Entry, ...]:
    public = set(public_views())
    return tuple(Entry(title, reverse(name)) for name, title in TITLES.items() if name in public)


def views() -> tuple[Entry, ...]:
    """The public views of the plan, with their addresses (computed once per URLconf)."""
    return _views(get_urlconf())


def page_tree(root: Page, request=None) -> Entry:
    """``root`` and every live public page below it, as nested entries."""
    pages = list(Page.objects.live().public().descendant_of(root, inclusive=True).order_by("path"))
    children: dict[str, list[Page]] = {}
    for page in pages[1:]:
        children.setdefault(page.path[: -Page.steplen], []).append(page)

    def entry(page: Page) -> Entry:
        return Entry(
            page.title,
            page.get_url(request),
            tuple(entry(child) for child in children.get(page.path, [])),
        )

    return entry(pages[0])
