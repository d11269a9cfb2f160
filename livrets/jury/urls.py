from django.urls import path

from livrets.jury import views

app_name = "jury"

urlpatterns = [
    path("livrets/<int:pk>/", views.grid, name="grid"),
    path("livrets/<int:pk>/unites/<str:unit>/", views.rate_unit, name="rate"),
    path("livrets/<int:pk>/historique/", views.history, name="history"),
    path("livrets/<int:pk>/entretien/", views.interview, name="interview"),
    path("livrets/<int:pk>/pdf/", views.grid_pdf, name="pdf"),
    path("livrets/<int:pk>/pdf/preparation/", views.grid_pdf_progress, name="pdf_progress"),
    path("livrets/<int:pk>/decision/", views.decision, name="decision"),
    path("livrets/<int:pk>/decision/<int:jdid>/nouveau-livret/", views.follow_up, name="follow_up"),
]
