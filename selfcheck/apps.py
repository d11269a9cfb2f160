from django.apps import AppConfig
from django.db.models.signals import post_save


class SelfcheckConfig(AppConfig):
    name = "selfcheck"
    verbose_name = "Vérification d'éligibilité"

    def ready(self):
        from home.referentials.models import Cqp

        post_save.connect(_current_changed, sender=Cqp, dispatch_uid="selfcheck-current-version")


def _current_changed(sender, instance, **kwargs):
    from .selectors import forget_current

    forget_current(instance.slug)
