from django.urls import path

from livrets.desk.views import grid, jury, livret, sessions, staff

app_name = "desk"

P = "demandes/<int:rpk>/"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path(P, staff.request_page, name="request"),
    path(P + "evaluateurs/", staff.assign, name="assign"),
    path(P + "jury/", jury.jury_decision, name="jury_decision"),
    path(P + "pdf/", staff.pdf, name="pdf"),
    path(P + "pdf/preparation/", staff.pdf_progress, name="pdf_progress"),
    path(P + "pieces/<int:fid>/", staff.proof, name="proof"),
    path(P + "livret/", livret.livret, name="livret"),
    path(P + "livret/pdf/", livret.pdf, name="livret_pdf"),
    path(P + "livret/pdf/preparation/", livret.pdf_progress, name="livret_pdf_progress"),
    path(P + "livret/documents/<int:did>/", livret.document, name="livret_document"),
    path("sessions/", sessions.sessions, name="sessions"),
    path("sessions/<int:spk>/", sessions.session, name="session"),
    path(P + "grille/", grid.grid, name="grid"),
    path(P + "grille/<str:part>/", grid.save_part, name="grid_part"),
    path(P + "grille-pdf/", grid.grid_pdf, name="grid_pdf"),
    path(P + "grille-pdf/preparation/", grid.grid_pdf_progress, name="grid_pdf_progress"),
    path(P + "e-certif.pdf", grid.ecertif, name="ecertif"),
    path(P + "formulaire-national/", staff.national_form, name="national_form"),
    path(P + "ecarts/", staff.gaps, name="gaps"),
]
