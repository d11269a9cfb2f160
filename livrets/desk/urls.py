from django.urls import path

from livrets.desk.views import staff

app_name = "desk"

P = "demandes/<int:rpk>/"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path(P, staff.request_page, name="request"),
    path(P + "evaluateurs/", staff.assign, name="assign"),
    path(P + "pdf/", staff.pdf, name="pdf"),
    path(P + "pdf/preparation/", staff.pdf_progress, name="pdf_progress"),
    path(P + "pieces/<int:fid>/", staff.proof, name="proof"),
    path(P + "formulaire-national/", staff.national_form, name="national_form"),
    path(P + "ecarts/", staff.gaps, name="gaps"),
]
