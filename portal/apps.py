from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


def local_directories() -> None:
    """On a machine of its own (SQLite: development, tests, bench), the directories the
    portal writes to: the database's and STATIC_ROOT (WhiteNoise warns when it is missing).
    Created when the portal starts, never when its settings are imported."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    if str(database["NAME"]) != ":memory:":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        local_directories()
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import page_cache

        def page_deleted(sender, instance, **kwargs):
            if isinstance(instance, Page):
                page_cache.bump_generation()

        def page_saved(sender, instance, update_fields=None, **kwargs):
            # A whole page saved without a revision (a slug or a title changed by code):
            # what it serves may have changed. A draft's revision names its few fields.
            if update_fields is None and isinstance(instance, Page):
                page_cache.bump_generation()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_cache.bump_generation, dispatch_uid=f"page-cache-{signal!r}")
        post_delete.connect(page_deleted, dispatch_uid="page-cache-delete", weak=False)
        post_save.connect(page_saved, dispatch_uid="page-cache-save", weak=False)
        # A page made private must not be served from the cache as it was (the referentials
        # app does the same for a notice whose referential moves to a new version).
        from wagtail.models import PageViewRestriction

        page_cache.watch(PageViewRestriction)
