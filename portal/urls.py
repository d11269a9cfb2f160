from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import routing
from home import views as home_views
from portal.accounts.views import password_strength
from portal.views import admin_login, health

urlpatterns = [
    # Editors sign in through allauth (throttled, two-factor authentication when enabled).
    path("admin/login/", admin_login, name="admin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sante/", health, name="health"),
    path("recherche/", home_views.search, name="search"),
    path("propose-par-le-portail/", home_views.provenance, name="provenance"),
    path("verifier-mon-eligibilite/", include("selfcheck.urls")),
    path("api/v1/", include("portal.api.urls")),
    path("api/certificateurs/v1/", include("portal.api.certifiers.urls")),
    path("accounts/force-du-mot-de-passe/", password_strength, name="password_strength"),
    path("accounts/", include("allauth.urls")),
    path("livrets/", include("livrets.livret2.urls")),
    path("accompagnement/", include("livrets.review.urls")),
    path("mes-demarches/", include("livrets.candidatures.urls")),
    path("mes-demarches/", include("livrets.recevabilite.urls")),
    path("preparer-le-jury/", include("livrets.jury.urls")),
    path("bureau/", include("livrets.desk.urls")),
    path("mes-demarches/", include("livrets.desk.candidate_urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Wagtail serves the public pages and enforces its own page privacy: exempt from login.
# Public pages go through our routing view, which remembers the path → page lookup.
for pattern in wagtail_urls.urlpatterns:
    if pattern.name == "wagtail_serve":
        pattern.callback = routing.serve
    pattern.callback = login_not_required(pattern.callback)
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
