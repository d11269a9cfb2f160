from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self):
        from django.core import checks
        from django.utils.module_loading import autodiscover_modules

        from portal.accounts.checks import every_personal_model_is_declared

        # Each app's personal_data.py registers what it holds of a person.
        autodiscover_modules("personal_data")
        checks.register(every_personal_model_is_declared)
