"""Mounted at ``api/certificateurs/v1/``: the operations of ``main.api`` (a bearer token, not
a session, authenticates them: no login redirect, no CSRF cookie), with JSON 405 answers,
and a JSON 404 for any other address under the API."""

from django.contrib.auth.decorators import login_not_required
from django.urls import re_path

from portal.api.http import json_methods
from portal.api.urls import not_found

from .main import api

app_name = "certifier_api"

urlpatterns = []
for pattern in api.urls[0]:
    if pattern.name == "api-root":  # ninja's page pointing to its docs, which are not served
        continue
    pattern.callback = login_not_required(json_methods(pattern.callback))
    urlpatterns.append(pattern)
urlpatterns.append(re_path(r"^[\s\S]*\Z", not_found))
