from django.apps import AppConfig


class LivretsConfig(AppConfig):
    name = "livrets"
    verbose_name = "Livrets 2"
