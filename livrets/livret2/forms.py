import datetime

from django import forms

from portal.dates import BoundedDateField


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
