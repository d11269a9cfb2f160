"""Site search across every public page."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page


def clean_query(raw: str) -> str:
    """The words typed, without what the database's full-text syntax would choke on: an
    unbalanced double quote (SQLite's FTS5 refuses it), apostrophes (FTS5 refuses one inside
    a quoted phrase; « l'emploi » is searched as the words « l emploi », as it is indexed)
    and control characters."""
    query = "".join(c if c.isprintable() and c not in "'’" else " " for c in raw)
    query = query.strip()[:200]
    if query.count('"') % 2:
        query = query.replace('"', " ").strip()
    return query


@login_not_required
def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": page})


@login_not_required
def provenance(request):
    """What « Proposé par le portail » means: linked from every mark."""
    return render(request, "home/provenance.html")
