"""The account's forms: first name and name (at sign-up and on « Mes données »), and the
password asked before deleting the account."""

from django import forms


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


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label="Votre mot de passe", widget=forms.PasswordInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Mot de passe incorrect.")
        return password
