"""The grid's per-unit form (ratings and evidence) and the jury decision form."""

from __future__ import annotations

import datetime

from django import forms

from home.referentials.domain import Referential
from livrets.jury.models import Outcome, RatingValue
from livrets.jury.selectors import UnitGrid
from portal.dates import BoundedDateField

NOT_RATED = ("", "Pas encore évalué")


def rating_field(code: str) -> str:
    return f"note-{code}"


def evidence_field(code: str) -> str:
    return f"preuves-{code}"


class UnitForm(forms.Form):
    """One unit of the grid: a rating per element (where the source gives a scale) and, for
    the candidate, the parts of the livret that show each element (or the unit)."""

    def __init__(self, *args, unit: UnitGrid, rates: bool, links: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        choices = [(o.key, o.label) for o in unit.options]
        for row in unit.elements:
            code = row.element.code
            if rates:
                self.fields[rating_field(code)] = forms.ChoiceField(
                    label=f"Votre positionnement sur l’élément {row.element.number}",
                    choices=[NOT_RATED, *RatingValue.choices],
                    required=False,
                    widget=forms.RadioSelect,
                    initial=row.candidate if links else row.accompagnateur,
                    error_messages={"invalid_choice": "Choisissez une évaluation de la liste."},
                )
            if links and choices:
                self.fields[evidence_field(code)] = forms.MultipleChoiceField(
                    label=f"Ce qui le montre dans mon livret (élément {row.element.number})",
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=[o.key for o in row.evidence],
                    error_messages={"invalid_choice": "Choisissez une partie de votre livret."},
                )
        if links and choices and not unit.elements:
            self.fields[evidence_field(unit.unit.code)] = forms.MultipleChoiceField(
                label=f"Ce qui montre « {unit.unit.title} » dans mon livret",
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[o.key for o in unit.unit_evidence],
                error_messages={"invalid_choice": "Choisissez une partie de votre livret."},
            )

    def element_fields(self):
        """(row, rating bound field or None, evidence bound field or None) per element."""
        for row in self.unit.elements:
            code = row.element.code
            yield (
                row,
                self[rating_field(code)] if rating_field(code) in self.fields else None,
                self[evidence_field(code)] if evidence_field(code) in self.fields else None,
            )

    def unit_evidence_field(self):
        name = evidence_field(self.unit.unit.code)
        return self[name] if name in self.fields else None

    def ratings(self) -> dict[str, str]:
        """The ratings sent ("" withdraws one); a field not sent at all changes nothing."""
        return {
            name.removeprefix("note-"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("note-") and name in self.data
        }

    def evidence(self) -> dict[str, set[str]]:
        return {
            name.removeprefix("preuves-"): set(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("preuves-")
        }


class DecisionForm(forms.Form):
    decided_on = BoundedDateField(
        label="Date de la décision du jury",
        error_messages={
            "required": "Indiquez la date de la décision.",
            "invalid": "Saisissez une date valide.",
        },
    )
    outcome = forms.ChoiceField(
        label="Décision",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez la décision du jury."},
    )
    validated_units = forms.MultipleChoiceField(
        label="Unités validées (validation partielle)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, ref: Referential, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields[
            "validated_units"
        ].label = f"Ce que le jury a validé, en cas de validation partielle ({ref.unit_plural})"
        self.fields["validated_units"].choices = [
            (u.code, f"{ref.unit_name(u)} : {u.title}") for u in ref.units
        ]
        self.unit_count = len(ref.units)
        self.unit_plural = ref.unit_plural

    def clean_decided_on(self):
        day = self.cleaned_data["decided_on"]
        if day > self.today:
            raise forms.ValidationError("La date ne peut pas être dans le futur.")
        return day

    def clean(self):
        data = super().clean()
        units = data.get("validated_units") or []
        if data.get("outcome") == Outcome.PARTIAL and not 0 < len(units) < self.unit_count:
            self.add_error(
                "validated_units",
                f"Cochez ce que le jury a validé ({self.unit_plural}), pas tout : ce serait "
                "une validation totale.",
            )
        return data
