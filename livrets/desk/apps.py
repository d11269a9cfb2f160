from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "livrets.desk"
    label = "desk"
    verbose_name = "Bureau du certificateur"
