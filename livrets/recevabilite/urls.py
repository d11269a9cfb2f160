from django.urls import path

from livrets.recevabilite.views import after, editor, proofs, review

app_name = "recevabilite"

P = "recevabilite/<int:rpk>/"

urlpatterns = [
    path("recevabilite/nouvelle/", editor.start, name="start"),
    path(P, editor.detail, name="detail"),
    path(P + "identite/", editor.identity, name="identity"),
    path(P + "formation/", editor.education, name="education"),
    path(P + "periodes/ajouter/", editor.add_period, name="add_period"),
    path(P + "periodes/<int:pid>/", editor.period, name="period"),
    path(P + "periodes/<int:pid>/supprimer/", editor.delete_period, name="delete_period"),
    path(P + "pieces/ajouter/", proofs.upload, name="upload"),
    path(P + "pieces/<int:fid>/", proofs.download, name="download"),
    path(P + "pieces/<int:fid>/supprimer/", proofs.delete, name="delete_proof"),
    path(P + "declaration/", editor.declaration, name="declaration"),
    path(P + "rouvrir/", editor.reopen, name="reopen"),
    path(P + "pdf/", after.pdf, name="pdf"),
    path(P + "pdf/preparation/", after.pdf_progress, name="pdf_progress"),
    path(P + "suivi/", after.answer, name="answer"),
    path(P + "suivi/ecarts/", after.gaps, name="gaps"),
    path(P + "livret-2/", after.start_livret, name="start_livret"),
    path(P + "lecture/", review.reading, name="reading"),
]
