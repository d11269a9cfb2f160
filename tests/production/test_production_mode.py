"""Production mode: settings from the environment, the page cache, the local server setup."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, override_settings

from portal import serve
from portal.settings import environment

ROOT = Path(__file__).resolve().parents[2]


def test_redis_url_gives_a_shared_cache_and_sessions():
    env = {"REDIS_URL": "redis://cache.internal:6379/1"}
    assert environment.caches(env)["default"]["BACKEND"] == (
        "django.core.cache.backends.redis.RedisCache"
    )
    assert environment.caches(env)["default"]["LOCATION"] == env["REDIS_URL"]
    assert environment.session_engine(env) == "portal.sessions.cached_db"
    assert environment.caches({})["default"]["BACKEND"].endswith("LocMemCache")
    assert environment.session_engine({}) == "portal.sessions.db"


def test_uploads_are_local_by_default_and_s3_on_demand(tmp_path):
    local = environment.storages(
        media_root=tmp_path / "m", livret_files_root=tmp_path / "l", env={}
    )
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["livrets"]["OPTIONS"] == {"location": str(tmp_path / "l"), "base_url": None}
    env = {
        "STORAGE": "s3",
        "S3_BUCKET": "portail",
        "LIVRET_FILES_S3_BUCKET": "portail-prive",
        "S3_ENDPOINT_URL": "https://s3.example.fr",
    }
    s3 = environment.storages(media_root=tmp_path, livret_files_root=tmp_path, env=env)
    assert s3["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["default"]["OPTIONS"]["bucket_name"] == "portail"
    private = s3["livrets"]["OPTIONS"]
    assert private["bucket_name"] == "portail-prive"
    assert private["default_acl"] == "private" and private["querystring_auth"] is True
    assert private["endpoint_url"] == "https://s3.example.fr"
    assert s3["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")


def test_livret_documents_use_the_livrets_storage():
    from django.core.files.storage import storages

    from livrets.livret2.models import livret_storage

    assert livret_storage() is storages["livrets"]


def test_smtp_from_the_environment():
    settings = environment.email(
        {
            "EMAIL_HOST": "smtp.example.fr",
            "EMAIL_PORT": "465",
            "EMAIL_USE_SSL": "1",
            "EMAIL_USE_TLS": "0",
        }
    )
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("smtp.example.fr", 465)
    assert settings["EMAIL_USE_SSL"] and not settings["EMAIL_USE_TLS"]


def test_tasks_are_queued_in_the_database_unless_immediate():
    assert environment.tasks({})["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert environment.tasks({"TASKS_BACKEND": "immediate"})["default"]["BACKEND"].endswith(
        "ImmediateBackend"
    )


def test_gunicorn_configuration_reads_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9001")
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    conf = runpy.run_path(str(ROOT / "portal" / "gunicorn.conf.py"))
    assert conf["wsgi_app"] == "portal.wsgi:application"
    assert (conf["bind"], conf["workers"], conf["worker_class"]) == ("127.0.0.1:9001", 3, "gthread")


def test_local_environment_keeps_what_is_set():
    env = serve.local_environment({"REDIS_URL": "redis://elsewhere:6379/0"}, bind="127.0.0.1:8123")
    assert env["DJANGO_SETTINGS_MODULE"] == "portal.settings.prod"
    assert env["REDIS_URL"] == "redis://elsewhere:6379/0"
    assert env["DATABASE_URL"] == serve.DEFAULT_DATABASE_URL
    assert env["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8123"
    assert env["SECURE_SSL_REDIRECT"] == "0"


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


@pytest.mark.django_db
def test_public_pages_are_cached_for_anonymous_visitors_only(site_pages, page_cache):
    url = "/cqp/assistant-formation/"
    anonymous = Client()
    assert anonymous.get(url)["X-Page-Cache"] == "miss"
    hit = anonymous.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit.status_code == 200 and "assistant" in hit.text.lower()
    assert "Content-Security-Policy" in hit and "Permissions-Policy" in hit
    user = get_user_model().objects.create_user("lea", "lea@example.fr", "mot-de-passe-long-1")
    signed_in = Client()
    signed_in.force_login(user)
    response = signed_in.get(url)
    assert "X-Page-Cache" not in response
    assert "Se déconnecter" in response.text
    assert response["Cache-Control"] == "private, no-store"
    # Pages other than Wagtail's, and pages holding a CSRF token, are never kept.
    for other in ("/sante/", "/verifier-mon-eligibilite/", "/accounts/login/"):
        Client().get(other, follow=True)
        assert "X-Page-Cache" not in Client().get(other)


@pytest.mark.django_db
def test_publishing_a_page_refreshes_the_cache(site_pages, page_cache):
    from wagtail.models import Page

    url = "/cqp/"
    client = Client()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    page = Page.objects.get(url_path__endswith="/cqp/").specific
    page.title = "Tous les CQP accessibles par la VAE"
    page.save_revision().publish()
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Tous les CQP accessibles par la VAE" in fresh.text


@pytest.mark.django_db
def test_a_page_made_private_is_not_served_from_the_cache(site_pages, page_cache):
    from wagtail.models import PageViewRestriction

    from home.models import CqpNoticePage

    url = "/cqp/conseiller-offres-services/"
    client = Client()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    notice = CqpNoticePage.objects.get(slug="conseiller-offres-services")
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(url)
    assert response.status_code == 302 and "X-Page-Cache" not in response


def test_favicon_is_served_at_the_root(db):
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
