"""The account's pages. Included by the livrets' URLs (``livrets/urls.py``) so that their
names (``livrets:my_data``, ``livrets:export``, …) and addresses stay what they were."""

from django.urls import path

from portal.accounts import views

urlpatterns = [
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/export/", views.export, name="export"),
    path("mes-donnees/nom/", views.names, name="names"),
    path("session/prolonger/", views.extend_session, name="extend_session"),
]
