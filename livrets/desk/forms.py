"""The desk's forms: the inbox's filters (GET), the secretariat's decision, the evaluators'
assignment and the jury's decision recorded by the certifier."""

from __future__ import annotations

import datetime

from django import forms

from livrets.desk import grid_rules, rules
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


class JuryDecisionForm(forms.Form):
    """The jury's decision recorded by the certifier: the parts validated are the units of the
    livret's referential (as the candidate's own form lists them)."""

    outcome = forms.ChoiceField(
        label="Décision du jury",
        choices=list(rules.JURY_OUTCOMES.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez la décision du jury : validation totale, partielle ou aucune.",
            "invalid_choice": "Choisissez la décision du jury : validation totale, partielle ou "
            "aucune.",
        },
    )
    validated_units = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Cochez des parties du référentiel de ce CQP."},
    )
    motifs = forms.CharField(
        label="Motifs (obligatoires pour une validation partielle ou aucune validation)",
        required=False,
        max_length=rules.MOTIFS_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": f"Les motifs tiennent en {rules.MOTIFS_MAX} caractères au plus."
        },
    )
    decided_on = BoundedDateField(
        label="Date de la décision du jury",
        required=False,
        earliest=datetime.date(2000, 1, 1),
        error_messages={"invalid": "La date de la décision n'est pas valide (JJ/MM/AAAA)."},
    )
    # Checked by ``services.record_jury_decision``: a clean PDF only, as the request's letter.
    letter = forms.FileField(
        label="Lettre du certificateur (PDF, facultative)",
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages=DecisionForm.base_fields["letter"].error_messages,
    )

    def __init__(self, *args, ref, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["validated_units"]
        field.label = f"Ce que le jury a validé, en cas de validation partielle ({ref.unit_plural})"
        field.choices = [(u.code, f"{ref.unit_name(u)} : {u.title}") for u in ref.units]


class SessionForm(forms.Form):
    """A jury session set up by the secretariat: its date and place (checked again by
    ``rules.session_errors``)."""

    held_on = BoundedDateField(
        label="Date de la session",
        required=False,
        earliest=datetime.date(2000, 1, 1),
        error_messages={"invalid": "La date de la session n'est pas valide (JJ/MM/AAAA)."},
    )
    place = forms.CharField(
        label="Lieu",
        required=False,
        max_length=rules.PLACE_MAX,
        error_messages={"max_length": f"Le lieu tient en {rules.PLACE_MAX} caractères au plus."},
    )

    def __init__(self, *args, cqps, **kwargs):
        super().__init__(*args, **kwargs)
        self.cqps = {c.pk: c for c in cqps}
        if len(cqps) > 1:  # a secretariat of several CQPs says which one
            self.fields["cqp"] = forms.TypedChoiceField(
                label="CQP",
                coerce=int,
                choices=[("", "Choisissez le CQP"), *((c.pk, str(c)) for c in cqps)],
                error_messages={
                    "required": "Choisissez le CQP de la session.",
                    "invalid_choice": "Choisissez le CQP de la session dans la liste.",
                },
            )
            self.order_fields(["cqp", "held_on", "place"])

    def chosen_cqp(self):
        if "cqp" in self.fields:
            return self.cqps[self.cleaned_data["cqp"]]
        return next(iter(self.cqps.values()))


class SeatForm(forms.Form):
    """A candidature seated in the session (or, ``unseat``, removed from it)."""

    candidature = forms.TypedChoiceField(
        label="Candidat à convoquer",
        coerce=int,
        error_messages={
            "required": "Choisissez le candidat à convoquer.",
            "invalid_choice": "Choisissez une candidature de ce CQP dans la liste.",
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidature"].choices = [("", "Choisissez un candidat"), *choices]


class GridPartForm(forms.Form):
    """One part of the evaluators' grid: a unit (its marks in both columns and its points to
    check) or the final review (its comments). ``version``: the part as the page showed it."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rows, texts, version: str, layout, editable=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.layout = rows, layout
        self.codes: set[str] = set()
        self.text_kinds: list[str] = []
        choices = [grid_rules.NOT_MARKED, *layout.scale]
        invalid = "Choisissez une évaluation de la liste : " + " / ".join(
            label for _, label in layout.scale
        )
        for row in rows:
            self.codes.add(row.code)
            for column in grid_rules.COLUMNS:
                self.fields[grid_rules.field_name(column, row.code)] = forms.ChoiceField(
                    label=f"{layout.column_label(column)} : {row.label}",
                    choices=choices,
                    required=False,
                    initial=row.value(column),
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": invalid},
                )
        for t in texts:
            self.text_kinds.append(t.kind)
            self.fields[t.kind] = forms.CharField(
                label=t.label,
                required=False,
                initial=t.text,
                max_length=grid_rules.NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "max_length": f"Ce texte tient en {grid_rules.NOTE_MAX} caractères au plus."
                },
            )
        self.fields["version"].initial = version
        if not editable:
            for f in self.fields.values():
                f.disabled = True

    def clean(self):
        data = super().clean()
        unknown = grid_rules.mark_errors(
            {k: v for k, v in self.data.items() if k not in self.fields},
            codes=self.codes,
            scale=self.layout.scale_labels,
        )
        for message in unknown.values():
            self.add_error(None, message)
        return data

    def marks(self) -> dict[str, str]:
        """The marks sent; a mark not sent at all changes nothing."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if grid_rules.parse_field(name) and name in self.data
        }

    def texts(self) -> dict[str, str]:
        return {k: self.cleaned_data[k].strip() for k in self.text_kinds if k in self.data}

    def mark_fields(self):
        """(row, reading field, final field) per element or criterion."""
        for row in self.rows:
            yield (
                row,
                self[grid_rules.field_name(grid_rules.READING, row.code)],
                self[grid_rules.field_name(grid_rules.FINAL, row.code)],
            )

    def text_fields(self):
        return [self[k] for k in self.text_kinds]


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
