from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "livrets.retention"
    label = "retention"
    verbose_name = "Conservation des données"
