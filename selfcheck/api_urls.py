from django.urls import path, re_path

from . import api

app_name = "selfcheck_api"

urlpatterns = [
    path("cqps", api.cqps, name="cqps"),
    re_path(r"^cqps/(?P<slug>[\s\S]+)\Z", api.cqp_detail, name="cqp"),
    path("eligibility", api.eligibility, name="eligibility"),
    path("openapi.json", api.openapi, name="openapi"),
    # Anything else under the API answers JSON too, not the site's HTML page.
    re_path(r"^[\s\S]*\Z", api.not_found),
]
