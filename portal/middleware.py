"""Response headers of every page: Permissions-Policy, no-store for signed-in people.

The Content-Security-Policy itself comes from Django (``SECURE_CSP``); the Wagtail admin,
which still uses inline styles and scripts, gets its own (``ADMIN_CSP``) here.
"""

from __future__ import annotations

from django.conf import settings

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; ``Cache-Control: no-store`` on signed-in responses.

    Every page a signed-in person sees may show their data (livret, account, review), so no
    browser or proxy cache may keep it. Sits outside the page cache: cached public pages are
    served to anonymous visitors only and keep their own Cache-Control.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix):
            response._csp_config = settings.ADMIN_CSP
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response
