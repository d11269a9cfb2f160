import datetime

from django import forms
from django.utils import timezone

from home.referentials.selectors import cqp_choices
from portal.dates import BoundedDateField, add_months

# The journey's dates (recevabilité, jury): from 2000 to ten years ahead.
JOURNEY_EARLIEST = datetime.date(2000, 1, 1)


def journey_latest() -> datetime.date:
    return add_months(timezone.localdate(), 120)


class StartForm(forms.Form):
    cqp = forms.ChoiceField(label="Le CQP que vous visez", choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cqp"].choices = cqp_choices()


class DocumentForm(forms.Form):
    file = forms.FileField(label="Ajouter un document")


class FinaliseForm(forms.Form):
    sworn = forms.BooleanField(
        label=(
            "Je soussigné(e) déclare conformes et sincères les renseignements apportés dans "
            "ce dossier."
        ),
        error_messages={"required": "Cochez la déclaration sur l'honneur pour finaliser."},
    )
    name = forms.CharField(label="Votre nom et prénom", max_length=200)
    place = forms.CharField(
        label="Fait à (ville)",
        max_length=120,
        error_messages={"required": "Indiquez la ville où vous signez la déclaration."},
    )
    date = BoundedDateField(label="Date", error_messages={"invalid": "Saisissez une date valide."})

    # What the signing date may not precede, in the refusal's words.
    started_what = "du livret"

    def __init__(self, *args, started_on: datetime.date, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.started_on, self.today = started_on, today

    def clean_date(self):
        """The day of signing: not in the future, not before the file was started."""
        signed_on = self.cleaned_data["date"]
        if signed_on > self.today:
            raise forms.ValidationError("La date ne peut pas être dans le futur.")
        if signed_on < self.started_on:
            raise forms.ValidationError(
                f"La date ne peut pas précéder le début {self.started_what}, "
                f"le {self.started_on.strftime('%d/%m/%Y')}."
            )
        return signed_on


def _journey_date(label: str, what: str) -> BoundedDateField:
    return BoundedDateField(
        label=label,
        required=False,
        earliest=JOURNEY_EARLIEST,
        latest=journey_latest,
        error_messages={
            "invalid": f"{what} n'est pas valide (JJ/MM/AAAA).",
            "out_of_range": f"{what} doit être comprise entre le {{earliest}} et le {{latest}}.",
        },
    )


class JourneyForm(forms.Form):
    requested_on = _journey_date("Date d'envoi de votre demande de recevabilité", "la date d'envoi")
    received_on = _journey_date(
        "Date de réception de votre demande par le certificateur (accusé de réception)",
        "la date de réception",
    )
    notified_on = _journey_date(
        "Date de la notification favorable de recevabilité", "la date de notification"
    )
    jury_on = _journey_date("Date de votre session de jury", "la date du jury")

    def clean(self):
        data = super().clean()
        sent, received = data.get("requested_on"), data.get("received_on")
        if sent and received and received < sent:
            # On the field, so that the error summary links to it.
            self.add_error(
                "received_on",
                "la date de réception ne peut pas précéder la date d'envoi de votre demande.",
            )
        return data


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
