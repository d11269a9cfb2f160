"""Mounted at ``api/v1/``: the operations of ``main.api``, public, with JSON 405 answers, and
a JSON 404 for any other address under the API."""

from django.contrib.auth.decorators import login_not_required
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt

from .http import UNKNOWN_ADDRESS, errors_response, json_methods
from .main import api

app_name = "selfcheck_api"


@login_not_required
@csrf_exempt
def not_found(request):
    return errors_response({"$": [UNKNOWN_ADDRESS]}, 404)


urlpatterns = []
for pattern in api.urls[0]:
    if pattern.name == "api-root":  # ninja's page pointing to its docs, which are not served
        continue
    pattern.callback = login_not_required(json_methods(pattern.callback))
    urlpatterns.append(pattern)
# Anything else under the API answers JSON too, not the site's HTML page (nor a redirect).
urlpatterns.append(re_path(r"^[\s\S]*\Z", not_found))
