from django.urls import path, re_path

from livrets.jury import api as jury_api

from . import api

app_name = "selfcheck_api"

urlpatterns = [
    path("cqps", api.cqps, name="cqps"),
    re_path(r"^cqps/(?P<slug>[\s\S]+)\Z", api.cqp_detail, name="cqp"),
    path("eligibility", api.eligibility, name="eligibility"),
    path("mastery", jury_api.mastery, name="mastery"),
    path("openapi.json", api.openapi, name="openapi"),
    # Anything else under the API answers JSON too, not the site's HTML page.
    re_path(r"^[\s\S]*\Z", api.not_found),
]
