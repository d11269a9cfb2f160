"""The candidate's side of the desk, under « Mes démarches » beside the request's pages."""

from django.urls import path

from livrets.desk.views import candidate

app_name = "desk_candidate"

urlpatterns = [
    path("recevabilite/<int:rpk>/deposer/", candidate.deposit, name="deposit"),
]
