from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "livrets.review"
    label = "review"
    verbose_name = "Accompagnement des livrets"
