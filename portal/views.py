"""Project-level views: a health check, also the trivial baseline of `make bench`."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@login_not_required
@never_cache
def health(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
