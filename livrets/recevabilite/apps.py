from django.apps import AppConfig


class RecevabiliteConfig(AppConfig):
    name = "livrets.recevabilite"
    label = "recevabilite"
    verbose_name = "Demandes de recevabilité"
