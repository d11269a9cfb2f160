from django.apps import AppConfig


class ReferentialsConfig(AppConfig):
    name = "home.referentials"
    label = "referentials"
    verbose_name = "Référentiels des CQP"
