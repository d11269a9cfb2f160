"""The candidature's forms: the CQP a livret 2 or a recevabilité request is started for, and
the candidature's dates as the candidate types them, on the livret 2 (« Mon parcours ») and on
the request's follow-up page. Both date forms check them with ``deadlines.date_errors`` and
write them with ``services.record_dates``: one rule, one record."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from home.referentials.selectors import cqp_choices
from livrets.candidatures.deadlines import STEPS as ALL_STEPS
from livrets.candidatures.deadlines import Facts, date_errors
from livrets.candidatures.models import Candidature, Decision
from livrets.candidatures.services import held_errors
from portal.dates import BoundedDateField, add_months, french_day


class StartForm(forms.Form):
    """The CQP a candidate starts a livret 2 or a recevabilité request for."""

    cqp = forms.ChoiceField(label="Le CQP que vous visez", choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cqp"].choices = cqp_choices()


# The procedure's dates (recevabilité, jury): from 2000 to ten years ahead.
EARLIEST = datetime.date(2000, 1, 1)


def latest() -> datetime.date:
    return add_months(timezone.localdate(), 120)


def date_field(label: str, what: str) -> BoundedDateField:
    return BoundedDateField(
        label=label,
        required=False,
        earliest=EARLIEST,
        latest=latest,
        error_messages={
            "invalid": f"{what} n'est pas valide (JJ/MM/AAAA).",
            "out_of_range": f"{what} doit être comprise entre le {{earliest}} et le {{latest}}.",
        },
    )


class _DatesForm(forms.Form):
    # fact -> form field, and the words of each step (deadlines.STEPS) on this page.
    FIELDS: dict[str, str] = {}
    STEPS: tuple = ()
    SENT_FIELD = ""

    def __init__(self, *args, candidature: Candidature, **kwargs):
        self.candidature = candidature
        super().__init__(*args, initial=self.initial_of(candidature), **kwargs)
        if self.sent_before_request() is not None:
            self.fields["confirm_sent"] = forms.BooleanField(
                label="Je confirme cette date d'envoi (par exemple, une demande envoyée sur "
                "papier avant de la préparer sur le portail)",
                required=False,
            )

    def initial_of(self, candidature: Candidature) -> dict:
        return {}

    def facts(self) -> Facts:
        """The candidature's facts with what this form changes (valid data only)."""
        raise NotImplementedError

    def sent_before_request(self) -> datetime.date | None:
        """The day the request was started on the portal, when the sending date typed (and
        changed) precedes it: the candidate may have sent a paper request first."""
        if not (self.is_bound and self.SENT_FIELD):
            return None
        request = getattr(self.candidature, "request", None) if self.candidature.pk else None
        try:
            sent = self.fields[self.SENT_FIELD].clean(
                self.data.get(self.add_prefix(self.SENT_FIELD))
            )
        except forms.ValidationError:
            return None
        if request is None or sent is None or sent == self.candidature.request_sent_on:
            return None
        created = timezone.localdate(request.created_at)
        return created if sent < created else None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        facts = self.facts()
        errors = held_errors(self.candidature, facts) or date_errors(
            facts, today=timezone.localdate(), steps=self.STEPS
        )
        for fact, message in errors.items():
            if fact in self.FIELDS:
                self.add_error(self.FIELDS[fact], message)
        created = self.sent_before_request()
        if created and not data.get("confirm_sent") and self.SENT_FIELD not in self.errors:
            self.add_error(
                self.SENT_FIELD,
                f"Cette date précède la création de votre demande sur le portail (le "
                f"{french_day(created)}). Si vous avez d'abord envoyé une demande sur papier, "
                "cochez la case de confirmation ; sinon, corrigez la date.",
            )
        return data


class JourneyForm(_DatesForm):
    """On the livret 2: the dates that set its deadlines."""

    requested_on = date_field("Date d'envoi de votre demande de recevabilité", "la date d'envoi")
    received_on = date_field(
        "Date de réception de votre demande par le certificateur", "la date de réception"
    )
    notified_on = date_field(
        "Date de la notification favorable de recevabilité", "la date de notification"
    )
    jury_on = date_field("Date de votre session de jury", "la date du jury")

    FIELDS = {
        "sent_on": "requested_on",
        "received_on": "received_on",
        "notified_on": "notified_on",
        "jury_on": "jury_on",
    }
    SENT_FIELD = "requested_on"
    STEPS = tuple(s for s in ALL_STEPS if s[0] != "decision_on")

    def initial_of(self, c: Candidature) -> dict:
        return {
            "requested_on": c.request_sent_on,
            "received_on": c.request_received_on,
            "notified_on": c.notified_on if c.decision == Decision.FAVOURABLE else None,
            "jury_on": c.jury_on,
        }

    def facts(self) -> Facts:
        d, c = self.cleaned_data, self.candidature
        notified = d.get("notified_on")
        # A notification date typed here is a favourable decision; taking it back keeps the
        # decision recorded on the request, without its notification date.
        decision = Decision.FAVOURABLE if notified else c.decision
        return Facts(
            sent_on=d.get("requested_on"),
            received_on=d.get("received_on"),
            decision=decision,
            decision_on=c.decision_on,
            jury_on=d.get("jury_on"),
            notified_on=notified,
        )


class AnswerForm(_DatesForm):
    """On the recevabilité request: its sending, receipt and the certifier's decision, and,
    where the source counts a validity from it, the favourable notification's date."""

    sent_on = date_field("Date d'envoi de votre demande", "la date d'envoi")
    received_on = date_field(
        "Date de réception de votre demande par le certificateur", "la date de réception"
    )
    decision = forms.ChoiceField(
        label="Décision",
        required=False,
        choices=[("", "Pas encore de décision")] + list(Decision.choices),
        widget=forms.RadioSelect,
    )
    decided_on = date_field(
        "Date de la décision (favorable ou défavorable)", "la date de la décision"
    )
    notified_on = date_field(
        "Date de la notification favorable (le courrier qui vous l'annonce)",
        "la date de la notification",
    )

    FIELDS = {
        "sent_on": "sent_on",
        "received_on": "received_on",
        "decision_on": "decided_on",
        "notified_on": "notified_on",
    }
    SENT_FIELD = "sent_on"
    STEPS = tuple(s for s in ALL_STEPS if s[0] != "jury_on")  # no jury date on this page

    def __init__(self, *args, candidature: Candidature, asks_notification: bool = True, **kw):
        super().__init__(*args, candidature=candidature, **kw)
        if not asks_notification:  # the source counts nothing from the notification
            del self.fields["notified_on"]

    def initial_of(self, c: Candidature) -> dict:
        return {
            "sent_on": c.request_sent_on,
            "received_on": c.request_received_on,
            "decision": c.decision,
            "decided_on": c.decision_on,
            "notified_on": c.notified_on,
        }

    def facts(self) -> Facts:
        d, c = self.cleaned_data, self.candidature
        decision = d.get("decision") or ""
        return Facts(
            sent_on=d.get("sent_on"),
            received_on=d.get("received_on"),
            decision=decision,
            decision_on=d.get("decided_on")
            if decision in (Decision.FAVOURABLE, Decision.UNFAVOURABLE)
            else None,
            jury_on=c.jury_on,
            notified_on=d.get("notified_on") if "notified_on" in self.fields else c.notified_on,
        )
