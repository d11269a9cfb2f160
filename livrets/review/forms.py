from django import forms

from livrets.review.models import NotificationPreference


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique de votre accompagnateur",
        max_length=254,
        error_messages={
            "required": "Indiquez l'adresse électronique de votre accompagnateur.",
            "invalid": "Saisissez une adresse électronique valide, par exemple nom@organisme.fr.",
        },
    )
    organisation = forms.CharField(
        label="Son organisme (facultatif)", max_length=200, required=False
    )


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["as_candidate", "as_reviewer"]
