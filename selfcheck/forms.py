"""The forms of the self-check wizard, one per step."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from home.referentials.domain import EXPERIENCE_KINDS, Referential
from home.referentials.provenance import PROPOSED
from portal.dates import BoundedDateField

from .payload import MAX_EXPERIENCES, MAX_TEXT

SITUATIONS = [
    ("salarie", "Je suis salarié(e)"),
    ("independant", "Je travaille à mon compte"),
    ("demandeur_emploi", "Je cherche un emploi"),
    ("benevole", "J'exerce une activité bénévole, syndicale ou élective"),
    ("autre", "Autre situation"),
]
YES_NO = [("oui", "Oui"), ("non", "Non")]


class CqpForm(forms.Form):
    cqp = forms.ChoiceField(
        label="Quel CQP visez-vous ?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez un CQP.",
            "invalid_choice": "Choisissez un CQP de la liste.",
        },
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cqp"].choices = choices


class SituationForm(forms.Form):
    situation = forms.ChoiceField(
        label="Quelle est votre situation actuelle ?",
        choices=SITUATIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez votre situation."},
    )
    current_job = forms.CharField(
        label="Votre emploi ou activité actuelle (facultatif)",
        max_length=MAX_TEXT,
        required=False,
    )


class ExperienceForm(forms.Form):
    kind = forms.ChoiceField(label="Type d'expérience", choices=list(EXPERIENCE_KINDS.items()))
    title = forms.CharField(label="Emploi ou fonction", max_length=MAX_TEXT)
    organisation = forms.CharField(
        label="Organisme ou employeur (facultatif)", max_length=MAX_TEXT, required=False
    )
    start = BoundedDateField(label="Début")
    end = BoundedDateField(label="Fin", required=False)
    ongoing = forms.BooleanField(label="En cours", required=False)
    part_time_percent = forms.IntegerField(
        label="Temps de travail (en %)",
        min_value=1,
        max_value=100,
        initial=100,
        help_text="100 pour un temps plein",
    )
    related = forms.ChoiceField(
        label="Cette expérience est-elle en lien avec le CQP ?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez si cette expérience est en lien avec le CQP."},
    )

    def clean(self):
        data = super().clean()
        start, end, ongoing = data.get("start"), data.get("end"), data.get("ongoing")
        today = timezone.localdate()
        if start and start > today:
            self.add_error("start", "La date de début ne peut pas être dans le futur.")
        if ongoing and end:
            self.add_error(
                "end", "Laissez la fin vide pour une expérience en cours, ou décochez « En cours »."
            )
        elif not ongoing and not end:
            self.add_error("end", "Indiquez la date de fin, ou cochez « En cours ».")
        if start and end and end < start:
            self.add_error("end", "La date de fin est antérieure à la date de début.")
        elif end and end > today and not ongoing:
            # Only what has been done counts: a future end would be counted up to today
            # without a word.
            self.add_error(
                "end",
                "La date de fin est dans le futur : cochez « En cours » et laissez la fin vide "
                "(l'expérience compte jusqu'à aujourd'hui).",
            )
        return data


class BaseExperienceFormSet(forms.BaseFormSet):
    item_name = "Période"  # in the error summary: « Période 2, Début : … »

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(f.cleaned_data for f in self.forms):
            raise ValidationError("Déclarez au moins une expérience.")


ExperienceFormSet = forms.formset_factory(
    ExperienceForm,
    formset=BaseExperienceFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_EXPERIENCES,
    validate_max=True,
    absolute_max=MAX_EXPERIENCES,
)


def _item_label(item) -> str:
    """An activity's label; with « Proposé par le portail » when no source states it."""
    if item.from_source:
        return item.label
    return format_html(
        '{} <a class="proposed" href="{}">{}</a>', item.label, reverse("provenance"), PROPOSED
    )


class ActivitiesForm(forms.Form):
    """One checklist per unit of the referential, from its activity items."""

    def __init__(self, *args, referential: Referential, **kwargs):
        super().__init__(*args, **kwargs)
        self.referential = referential
        for unit in referential.units:
            self.fields[unit.code] = forms.MultipleChoiceField(
                label=f"{referential.unit_name(unit)} : {unit.title}",
                choices=[(i.code, _item_label(i)) for i in unit.activity_items],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )

    @property
    def activities(self) -> list[str]:
        return [
            code for unit in self.referential.units for code in self.cleaned_data.get(unit.code, [])
        ]


class SummaryForm(forms.Form):
    """Nothing to fill in: the candidate confirms the answers listed."""
