from django.urls import path

from . import views

app_name = "selfcheck"

urlpatterns = [
    path("", views.start, name="start"),
    path("etape/<str:step>/", views.wizard, name="step"),
    path("resultat/", views.result, name="result"),
    path("resultat/pdf/", views.result_pdf, name="result_pdf"),
    path("resultat/pdf/preparation/", views.result_pdf_progress, name="result_pdf_progress"),
]
