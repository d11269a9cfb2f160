from django.urls import path

from livrets.livret2.pdf import views as pdf_views
from livrets.livret2.views import documents, editor
from portal.accounts import urls as account_urls

app_name = "livrets"

urlpatterns = [
    path("", editor.livret_list, name="list"),
    path("nouveau/", editor.start, name="start"),
    # « Mes données » and the session's timer: the accounts' pages (portal.accounts).
    *account_urls.urlpatterns,
    path("<int:pk>/", editor.detail, name="detail"),
    path("<int:pk>/partie/<slug:code>/", editor.section, name="section"),
    path(
        "<int:pk>/partie/<slug:code>/situations/ajouter/",
        editor.add_situation,
        name="add_situation",
    ),
    path("<int:pk>/enregistrer/", editor.autosave, name="autosave"),
    path("<int:pk>/historique/", editor.history, name="history"),
    path(
        "<int:pk>/situations/<int:sid>/supprimer/", editor.delete_situation, name="delete_situation"
    ),
    path(
        "<int:pk>/situations/<int:sid>/historique/",
        editor.situation_history,
        name="situation_history",
    ),
    path("<int:pk>/revisions/<int:rid>/restaurer/", editor.restore, name="restore"),
    path("<int:pk>/documents/ajouter/", documents.upload, name="upload"),
    path("<int:pk>/documents/<int:did>/", documents.download, name="download"),
    path("<int:pk>/documents/<int:did>/supprimer/", documents.delete, name="delete_document"),
    path("<int:pk>/finaliser/", editor.finalise, name="finalise"),
    path("<int:pk>/rouvrir/", editor.reopen, name="reopen"),
    path("<int:pk>/parcours/", editor.journey, name="journey"),
    path("<int:pk>/pdf/", pdf_views.livret_pdf, name="pdf"),
    path("<int:pk>/pdf/preparation/", pdf_views.livret_pdf_progress, name="pdf_progress"),
]
