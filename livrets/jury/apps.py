from django.apps import AppConfig


class JuryConfig(AppConfig):
    name = "livrets.jury"
    label = "jury"
    verbose_name = "Préparation du jury"
