"""Site search across every public page."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page


@login_not_required
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": page})


@login_not_required
def provenance(request):
    """What « Proposé par le portail » means: linked from every mark."""
    return render(request, "home/provenance.html")
