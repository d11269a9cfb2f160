"""The request's forms. Labels come from the request form of the CQP (source or portal)."""

from __future__ import annotations

import datetime

from django import forms

from home.referentials.domain import EXPERIENCE_KINDS
from home.referentials.request import RequestForm
from livrets.candidatures.opinions import Opinion
from livrets.livret2 import forms as livret_forms
from livrets.recevabilite.models import (
    CandidateProfile,
    Period,
    RecevabiliteRequest,
    RequestComment,
)
from livrets.recevabilite.selectors import PROFILE_FIELDS
from portal.dates import BoundedDateField


class IdentityForm(forms.ModelForm):
    naissance_date = BoundedDateField(label="Date de naissance", required=False)

    class Meta:
        model = CandidateProfile
        fields = list(PROFILE_FIELDS)
        widgets = {"adresse": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, request_form: RequestForm, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in request_form.identity:
            field = self.fields.get(spec.code)
            if field is None:
                continue
            field.label = spec.label
            if spec.choices:
                field = self.fields[spec.code] = forms.ChoiceField(
                    label=spec.label,
                    required=False,
                    choices=[(c.code, c.label) for c in spec.choices],
                    widget=forms.RadioSelect,
                )
            field.proposed = not spec.from_source
        self.fields["email"].error_messages["invalid"] = (
            "Saisissez une adresse électronique valide."
        )

    def clean_naissance_date(self):
        day = self.cleaned_data.get("naissance_date")
        if day and day > datetime.date.today():
            raise forms.ValidationError("La date de naissance ne peut pas être dans le futur.")
        return day


class EducationForm(forms.Form):
    """The career questions of the source's form, last class attended and diplomas; for a
    national form, first the certification sought (the portal's reading of that form).

    ``units``: the referential's units (code, label) a national-form candidate may already
    hold; unused for a certifier's own form."""

    def __init__(self, *args, request_form: RequestForm, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.asks_sought = not request_form.is_own_form
        if self.asks_sought:
            self._add_sought(list(units))
        self.career_names = []
        for spec in request_form.career:
            name = f"career_{spec.code}"
            self.career_names.append(name)
            if spec.choices:
                self.fields[name] = forms.ChoiceField(
                    label=spec.label,
                    required=False,
                    choices=[(c.code, c.label) for c in spec.choices],
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=spec.label,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        self.fields["last_class"] = forms.ChoiceField(
            label=str(request_form.last_class.label),
            required=False,
            choices=[(c.code, c.label) for c in request_form.last_class.choices],
            widget=forms.RadioSelect,
        )
        self.fields["diplomas"] = forms.MultipleChoiceField(
            label=str(request_form.diplomas.label),
            required=False,
            choices=[(c.code, c.label) for c in request_form.diplomas.choices],
            widget=forms.CheckboxSelectMultiple,
        )
        self.detail_names = {}
        for choice in request_form.diplomas.choices:
            if choice.detail_label:
                name = f"detail_{choice.code}"
                self.detail_names[choice.code] = name
                self.fields[name] = forms.CharField(
                    label=f"{choice.detail_label} ({choice.label})",
                    required=False,
                    max_length=300,
                )
                self.fields[name].proposed = not choice.from_source
        self.fields["last_class"].proposed = not request_form.last_class.label.from_source
        self.fields["diplomas"].proposed = not request_form.diplomas.label.from_source

    def _add_sought(self, units: list[tuple[str, str]]) -> None:
        self.fields["validation_sought"] = forms.ChoiceField(
            label="Type de validation visée",
            required=False,
            choices=RecevabiliteRequest.ValidationSought.choices,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": "Cochez l'un des deux types de validation."},
        )
        self.fields["blocks_held"] = forms.MultipleChoiceField(
            label="Blocs de compétences déjà détenus, le cas échéant",
            required=False,
            choices=units,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "invalid_choice": (
                    "« %(value)s » ne fait pas partie de ce CQP : cochez seulement des "
                    "choix de la liste."
                )
            },
        )
        # No source lists the national form's parts: the questions are the portal's.
        self.fields["validation_sought"].proposed = True
        self.fields["blocks_held"].proposed = True

    def clean_diplomas(self):
        chosen = self.cleaned_data["diplomas"]
        if "aucun" in chosen and len(chosen) > 1:
            raise forms.ValidationError("« Aucun diplôme » ne peut pas être coché avec un diplôme.")
        return chosen

    def career(self) -> dict[str, str]:
        return {n.removeprefix("career_"): self.cleaned_data.get(n, "") for n in self.career_names}

    def details(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(n, "") for code, n in self.detail_names.items()}


# Asked by the portal, for every CQP: no source's form has these fields.
PORTAL_PERIOD_FIELDS = (
    "kind",
    "related",
    "status",
    "current",
    "part_time_percent",
    "weekly_hours",
    "total_hours",
)


class PeriodForm(forms.ModelForm):
    start = BoundedDateField(label="Date de début", required=False)
    end = BoundedDateField(label="Date de fin", required=False)
    current = forms.BooleanField(label="En cours (pas encore de date de fin)", required=False)

    class Meta:
        model = Period
        fields = [
            "kind",
            "title",
            "employer",
            "sector",
            "status",
            "start",
            "end",
            "current",
            "part_time_percent",
            "weekly_hours",
            "total_hours",
            "related",
        ]
        labels = {
            "kind": "Type d'expérience",
            "status": "Statut (CDI, CDD, intérim, indépendant, bénévole…)",
            "part_time_percent": "Quotité de travail (en %)",
            "weekly_hours": "Heures par semaine",
            "total_hours": "Ou nombre total d'heures",
            "related": "En lien avec le CQP visé",
        }
        widgets = {
            "kind": forms.Select(choices=list(EXPERIENCE_KINDS.items())),
        }

    def __init__(self, *args, request_form: RequestForm, **kwargs):
        super().__init__(*args, **kwargs)
        labels = request_form.period_texts(current=self.instance.current).labels
        for key in ("title", "employer", "sector"):
            self.fields[key].label = str(labels[key])
            self.fields[key].proposed = not labels[key].from_source
        self.fields["kind"] = forms.ChoiceField(
            label="Type d'expérience", choices=list(EXPERIENCE_KINDS.items())
        )
        self.fields["part_time_percent"].min_value = 1
        hours = self.instance.weekly_hours
        if hours is not None and hours == int(hours):  # « 35 », not « 35.0 »
            self.initial["weekly_hours"] = int(hours)
        self.area_names = {}
        for area in request_form.areas:
            name = f"area_{area.code}"
            self.area_names[area.code] = name
            self.fields[name] = forms.CharField(
                label=area.label,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=(self.instance.activities or {}).get(area.code, ""),
            )
            self.fields[name].proposed = not area.from_source
        for key in PORTAL_PERIOD_FIELDS:
            self.fields[key].proposed = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "La date de fin ne peut pas précéder la date de début.")
        part = data.get("part_time_percent")
        if part is not None and not 1 <= part <= 100:
            self.add_error("part_time_percent", "Indiquez un pourcentage entre 1 et 100.")
        hours = data.get("weekly_hours")
        if hours is not None and not 0 < hours <= 80:
            self.add_error("weekly_hours", "Indiquez un nombre d'heures par semaine entre 1 et 80.")
        return data

    def period_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}

    def activities(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(n, "") for code, n in self.area_names.items()}

    def area_fields(self):
        return [self[n] for n in self.area_names.values()]


class ProofForm(forms.Form):
    file = forms.FileField(label="Ajouter une pièce justificative")


class RequestsCountForm(forms.Form):
    other_requests_this_year = forms.IntegerField(
        label=(
            "Combien de demandes de VAE avez-vous déposées cette année civile en dehors de "
            "ce portail, pour d'autres diplômes, titres ou certifications ?"
        ),
        min_value=0,
        max_value=50,
        error_messages={
            "required": "Indiquez un nombre, 0 si vous n'en avez déposé aucune.",
            "invalid": "Indiquez un nombre entier.",
            "min_value": "Indiquez un nombre positif ou 0.",
            "max_value": "Indiquez un nombre entre 0 et 50.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The source gives the limit, not this question: the portal asks it.
        self.fields["other_requests_this_year"].proposed = True


class FinaliseForm(livret_forms.FinaliseForm):
    sworn = forms.BooleanField(
        label="Je fais cette déclaration sur l'honneur.",
        error_messages={"required": "Cochez la déclaration sur l'honneur pour finaliser."},
    )
    date = BoundedDateField(label="Le (date)")
    started_what = "de la demande"

    def __init__(self, *args, sworn_statement: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # The box to tick is the portal's way of signing, not a field of a source's form.
        self.fields["sworn"].proposed = True
        if not sworn_statement:
            # A national form: its declaration is signed on the form itself (the sources do
            # not reproduce it); here the candidate only confirms the preparation file.
            self.fields[
                "sworn"
            ].label = "Je confirme que les renseignements de ce dossier de préparation sont exacts."
            self.fields["sworn"].error_messages["required"] = (
                "Cochez la confirmation pour finaliser."
            )


class GapsForm(forms.Form):
    units = forms.MultipleChoiceField(
        label="Les activités que l'analyse des écarts signale",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Ce que dit la notification (recommandations de formations complémentaires…)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, referential, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [
            (u.code, f"{referential.unit_name(u)} – {u.title}") for u in referential.units
        ]


class CommentForm(forms.ModelForm):
    class Meta:
        model = RequestComment
        fields = ["part", "body", "opinion"]
        labels = {"part": "Partie", "body": "Commentaire", "opinion": "Avis"}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, parts: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"] = forms.ChoiceField(label="Partie", choices=parts)
        self.fields["opinion"].required = False
        self.fields["opinion"].choices = [("", "Sans avis"), *Opinion.choices]
