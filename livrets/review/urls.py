from django.urls import path

from livrets.review.views import access, comments, reading

app_name = "review"

urlpatterns = [
    path("", reading.dashboard, name="dashboard"),
    path("notifications/", access.preferences, name="preferences"),
    path("invitation/<str:token>/", access.accept, name="accept"),
    path("livrets/<int:pk>/", reading.livret, name="livret"),
    path("livrets/<int:pk>/partie/<slug:code>/", reading.section, name="section"),
    path(
        "livrets/<int:pk>/partie/<slug:code>/avis/", reading.section_status, name="section_status"
    ),
    path("livrets/<int:pk>/historique/", reading.history, name="history"),
    path("livrets/<int:pk>/documents/<int:did>/", reading.document, name="document"),
    path("livrets/<int:pk>/acces/", access.access, name="access"),
    path("livrets/<int:pk>/acces/<int:iid>/retirer/", access.revoke, name="revoke"),
    path("livrets/<int:pk>/commentaires/ajouter/", comments.add, name="comment_add"),
    path("livrets/<int:pk>/commentaires/<int:cid>/repondre/", comments.reply, name="comment_reply"),
    path("livrets/<int:pk>/commentaires/<int:cid>/etat/", comments.toggle, name="comment_toggle"),
]
