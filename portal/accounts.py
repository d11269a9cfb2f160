"""allauth: account emails (verification, password reset…) go through the task queue."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .tasks import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        queue_email(self.render_mail(template_prefix, email, context))

    def get_login_redirect_url(self, request):
        """An accompagnateur with no livret of their own lands on the livrets they follow."""
        from livrets.models import Livret

        from .context_processors import follows_livrets

        user = request.user
        if not Livret.objects.filter(owner=user).exists() and follows_livrets(user):
            return reverse("review:dashboard")
        return super().get_login_redirect_url(request)
