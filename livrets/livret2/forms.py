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

    # The steps in their order: (field, as a subject, as an object, already happened).
    STEPS = (
        ("requested_on", "la date d'envoi", "la date d'envoi de votre demande", True),
        ("received_on", "la date de réception", "la date de réception de votre demande", True),
        ("notified_on", "la date de notification", "la date de notification", True),
        ("jury_on", "la date du jury", "", False),  # may be to come
    )

    def clean(self):
        """Each date not in the future if it has happened, none before the step before it;
        each error on its field, so that the error summary links to it."""
        data = super().clean()
        today = timezone.localdate()
        earlier = None
        for name, subject, as_object, happened in self.STEPS:
            day = data.get(name)
            if day is None or name in self.errors:
                continue
            if happened and day > today:
                self.add_error(name, f"{subject} ne peut pas être dans le futur.")
            elif earlier and day < data[earlier[0]]:
                self.add_error(name, f"{subject} ne peut pas précéder {earlier[1]}.")
            else:
                earlier = (name, as_object)
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
