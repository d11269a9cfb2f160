from django.urls import path

from . import views

app_name = "selfcheck"

urlpatterns = [
    path("", views.start, name="start"),
]
