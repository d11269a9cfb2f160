from django.urls import path

from . import api

app_name = "selfcheck_api"

urlpatterns = [
    path("ping", api.ping, name="ping"),
    path("cqps", api.cqps, name="cqps"),
    path("cqps/<path:slug>", api.cqp_detail, name="cqp"),
    path("eligibility", api.eligibility, name="eligibility"),
    path("openapi.json", api.openapi, name="openapi"),
]
