"""The desk's forms: the inbox's filters (GET) and the secretariat's decision."""

from __future__ import annotations

import datetime

from django import forms

from livrets.desk import rules
from portal.dates import BoundedDateField


class InboxFilterForm(forms.Form):
    statut = forms.ChoiceField(
        label="État",
        required=False,
        choices=[("", "Tous les états"), *rules.STATUSES.items()],
    )
    q = forms.CharField(label="Nom ou adresse électronique", required=False, max_length=100)

    def values(self) -> tuple[str, str]:
        if not self.is_valid():
            return "", ""
        return self.cleaned_data["statut"], self.cleaned_data["q"].strip()


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Décision",
        choices=list(rules.OUTCOMES.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez la décision : recevable, non recevable ou incomplète.",
            "invalid_choice": "Choisissez la décision : recevable, non recevable ou incomplète.",
        },
    )
    motifs = forms.CharField(
        label="Motifs (obligatoires pour une demande non recevable ou incomplète)",
        required=False,
        max_length=rules.MOTIFS_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": f"Les motifs tiennent en {rules.MOTIFS_MAX} caractères au plus."
        },
    )
    decided_on = BoundedDateField(
        label="Date de la décision",
        required=False,
        earliest=datetime.date(2000, 1, 1),
        error_messages={"invalid": "La date de la décision n'est pas valide (JJ/MM/AAAA)."},
    )
    # Checked by ``services.decide``: a clean PDF only (its type read from its content).
    letter = forms.FileField(
        label="Lettre du certificateur (PDF, facultative)",
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "invalid": "Le fichier de la lettre n'a pas pu être lu : choisissez-le de nouveau.",
            "empty": "Le fichier de la lettre est vide : choisissez la lettre en PDF.",
            "max_length": "Le nom du fichier de la lettre est trop long : renommez-le.",
        },
    )


class AssignForm(forms.Form):
    """The secretariat names an evaluator of the CQP for the candidature (or withdraws one:
    ``unassign``, the choices are then the evaluators already named)."""

    evaluator = forms.TypedChoiceField(
        label="Évaluateur à désigner",
        coerce=int,
        error_messages={
            "required": "Choisissez l'évaluateur à désigner.",
            "invalid_choice": "Choisissez un évaluateur de ce CQP dans la liste.",
        },
    )

    def __init__(self, *args, evaluators, unassign: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluator"].choices = [
            ("", "Choisissez un évaluateur"),
            *(
                (m.user_id, m.user.get_full_name() or m.user.email)
                for m in evaluators
                if m.assigned == unassign
            ),
        ]


class GapAnalysisForm(forms.Form):
    """004: the commission's analysis of the gaps, per activity of the referential: the gap
    found and the recommendations of further training (fields ``gap-<code>``,
    ``reco-<code>``)."""

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        for u in units:
            self.fields[f"gap-{u.code}"] = forms.CharField(
                label=f"{u.name} : écart constaté",
                required=False,
                max_length=rules.GAP_MAX,
                initial=u.gap,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": f"L'écart constaté tient en {rules.GAP_MAX} caractères au plus."
                },
            )
            self.fields[f"reco-{u.code}"] = forms.CharField(
                label=f"{u.name} : recommandations de formations complémentaires",
                required=False,
                max_length=rules.GAP_MAX,
                initial=u.recommendations,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": f"Les recommandations tiennent en {rules.GAP_MAX} caractères "
                    "au plus."
                },
            )

    def entries(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {u.code: (data[f"gap-{u.code}"], data[f"reco-{u.code}"]) for u in self.units}

    def pairs(self):
        """Each activity with its two fields, for the template."""
        return [(u, self[f"gap-{u.code}"], self[f"reco-{u.code}"]) for u in self.units]
