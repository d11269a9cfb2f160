from django.urls import path

from livrets.candidatures import views

app_name = "candidatures"

urlpatterns = [
    path("", views.demarches, name="demarches"),
]
