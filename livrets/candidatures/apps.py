from django.apps import AppConfig


class CandidaturesConfig(AppConfig):
    name = "livrets.candidatures"
    label = "candidatures"
    verbose_name = "Candidatures"
