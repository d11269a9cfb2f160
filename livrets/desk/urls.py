from django.urls import path

from livrets.desk.views import grid, staff

app_name = "desk"

P = "demandes/<int:rpk>/"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path(P, staff.request_page, name="request"),
    path(P + "evaluateurs/", staff.assign, name="assign"),
    path(P + "pdf/", staff.pdf, name="pdf"),
    path(P + "pdf/preparation/", staff.pdf_progress, name="pdf_progress"),
    path(P + "pieces/<int:fid>/", staff.proof, name="proof"),
    path(P + "grille/", grid.grid, name="grid"),
    path(P + "grille/<str:part>/", grid.save_part, name="grid_part"),
    path(P + "grille-pdf/", grid.grid_pdf, name="grid_pdf"),
    path(P + "grille-pdf/preparation/", grid.grid_pdf_progress, name="grid_pdf_progress"),
    path(P + "e-certif.pdf", grid.ecertif, name="ecertif"),
]
