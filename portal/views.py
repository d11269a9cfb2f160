"""Project-level views: a health check (the trivial baseline of `make bench`), admin login."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


@login_not_required
@never_cache
def health(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@login_not_required
def admin_login(request):
    """Wagtail's own login form would skip allauth's throttling and second factor."""
    target = request.GET.get("next", "/admin/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/admin/"
    return redirect_to_login(target, "account_login")
