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

    def get_login_redirect_url(self, request):
        for provider in providers():
            url = provider.login_redirect(request.user)
            if url:
                return url
        return super().get_login_redirect_url(request)
