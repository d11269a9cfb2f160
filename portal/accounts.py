"""allauth: account emails go through the task queue; sign-up asks first name and name (which
« Mes données » lets the person correct)."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils.module_loading import import_string

from .ratelimit import client_address
from .tasks import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        queue_email(self.render_mail(template_prefix, email, context))

    def get_client_ip(self, request) -> str:
        """The address allauth throttles failed logins by: behind the proxy, the client's
        (as FORWARDED_ALLOW_IPS trusts it), not the proxy's, shared by everyone."""
        return client_address(request)

    def get_login_redirect_url(self, request):
        """Where a person lands after signing in: settings.LOGIN_LANDING names the function
        that may choose (an accompagnateur lands on the candidates they follow)."""
        landing = import_string(settings.LOGIN_LANDING)(request.user)
        return landing or super().get_login_redirect_url(request)


class NamesForm(forms.Form):
    """The fields allauth's sign-up form adds first: first name and name."""

    first_name = forms.CharField(
        label="Prénom",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": "Indiquez votre prénom."},
    )
    last_name = forms.CharField(
        label="Nom",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": "Indiquez votre nom."},
    )

    def signup(self, request, user) -> None:
        self.save_to(user)

    def save_to(self, user) -> None:
        """The names on the account (at sign-up, or corrected on « Mes données »)."""
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
