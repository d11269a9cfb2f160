from django.apps import AppConfig


class LivretsConfig(AppConfig):
    name = "livrets.livret2"
    label = "livrets"
    verbose_name = "Livrets 2"
