from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "portal.accounts.retention"
    label = "retention"
    verbose_name = "Conservation des données"
