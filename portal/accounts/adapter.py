"""allauth: account emails go through the task queue; after signing in, the person lands where
an app says (``PersonalData.login_redirect``)."""

from allauth.account.adapter import DefaultAccountAdapter

from portal.ratelimit import client_address
from portal.tasks import queue_email

from .registry import providers


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        queue_email(self.render_mail(template_prefix, email, context))

    def get_client_ip(self, request) -> str:
        """The address allauth throttles failed logins by: behind the proxy, the client's
        (as FORWARDED_ALLOW_IPS trusts it), not the proxy's, shared by everyone."""
        return client_address(request)

    def clean_password(self, password, user=None):
        """At sign-up allauth checks the password against an unsaved account holding the email
        only: the names typed on the same form are added, so that a password made of them
        is refused too (portal.passwords)."""
        request = getattr(self, "request", None)
        if user is not None and user.pk is None and request is not None:
            for name in ("first_name", "last_name"):
                if not getattr(user, name, ""):
                    setattr(user, name, str(request.POST.get(name, ""))[:150])
        return super().clean_password(password, user)

    def get_login_redirect_url(self, request):
        for provider in providers():
            url = provider.login_redirect(request.user)
            if url:
                return url
        return super().get_login_redirect_url(request)
