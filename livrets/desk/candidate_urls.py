"""The candidate's side of the desk, under « Mes démarches » beside the request's pages; and
the certifier's decision letters, which the candidate, their accompagnateur and the staff of
the CQP download at one address (each checked by ``selectors.letter_for``)."""

from django.urls import path

from livrets.desk.views import candidate, candidate_livret, letters

app_name = "desk_candidate"

urlpatterns = [
    path("recevabilite/<int:rpk>/deposer/", candidate.deposit, name="deposit"),
    path("recevabilite/<int:rpk>/lettres/<int:lid>/", letters.letter, name="letter"),
    path("livret/<int:pk>/deposer/", candidate_livret.deposit_livret, name="livret_deposit"),
    path(
        "recevabilite/<int:rpk>/formulaire-national/",
        candidate.national_form,
        name="national_form",
    ),
    path(
        "recevabilite/<int:rpk>/formulaire-national/deposer/",
        candidate.national_form_upload,
        name="national_form_upload",
    ),
]
