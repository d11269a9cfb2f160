from django.apps import AppConfig


class SelfcheckConfig(AppConfig):
    name = "selfcheck"
    verbose_name = "Vérification d'éligibilité"
