from django.apps import AppConfig


class ReferentialsConfig(AppConfig):
    name = "home.referentials"
    label = "referentials"
    verbose_name = "Référentiels des CQP"

    def ready(self):
        from home.referentials.models import Cqp
        from portal import page_cache

        # A notice whose referential moves to a new version must not be served as it was.
        page_cache.watch(Cqp)
