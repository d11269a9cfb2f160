"""The self-check wizard, its result page and the result's PDF. Thin: the rules live in
`eligibility`, the checks of the answers in `payload`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from formtools.wizard.views import NamedUrlSessionWizardView

from home.referentials.domain import EXPERIENCE_KINDS, Referential
from home.referentials.selectors import cqp_choices

from .answers import (
    SESSION_ACTIVITIES,
    SESSION_RESULT,
    build_answers,
    formset_rows,
    rebuild_formset,
)
from .forms import ActivitiesForm, CqpForm, ExperienceFormSet, SituationForm, SummaryForm
from .payload import MAX_EXPERIENCES
from .selectors import assessed_result, referential_or_none

STEPS = [
    ("cqp", CqpForm),
    ("situation", SituationForm),
    ("experiences", ExperienceFormSet),
    ("activities", ActivitiesForm),
    ("verification", SummaryForm),
]
STEP_TITLES = {
    "cqp": "Le CQP visé",
    "situation": "Votre situation",
    "experiences": "Vos expériences",
    "activities": "Vos activités",
    "verification": "Vérifiez vos réponses",
}
SUMMARY = "verification"
RESTART_MESSAGE = (
    "Votre session a expiré ou vos réponses ne peuvent plus être lues : "
    "la vérification doit recommencer."
)


class SelfCheckWizard(NamedUrlSessionWizardView):
    form_list = STEPS

    # The CQP chosen at step 1 ------------------------------------------------------------

    def stored_cqp(self) -> str | None:
        data = self.storage.get_step_data("cqp")
        return data.get("cqp-cqp") if data else None

    def referential(self) -> Referential | None:
        if not hasattr(self, "_referential"):
            slug = self.stored_cqp()
            self._referential = referential_or_none(slug) if slug else None
        return self._referential

    def restart(self) -> HttpResponse:
        self.storage.reset()
        messages.error(self.request, RESTART_MESSAGE)
        return redirect("selfcheck:start")

    # Forms -----------------------------------------------------------------------------

    def get_form_kwargs(self, step=None):
        if step == "cqp":
            return {"choices": cqp_choices()}
        if step == "activities":
            return {"referential": self.referential()}
        return {}

    def get_form_initial(self, step):
        if step == "cqp":
            return {
                "cqp": self.request.GET.get("cqp") or self.storage.extra_data.get("preselected")
            }
        return super().get_form_initial(step)

    def get_template_names(self):
        return [f"selfcheck/step_{self.steps.current}.html"]

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(
            step_title=STEP_TITLES[self.steps.current],
            referential=self.referential(),
            return_to_summary=self._return_to_summary(),
            max_experiences=MAX_EXPERIENCES,
        )
        if self.steps.current == SUMMARY:
            context["answers"] = self._summary()
        return context

    def _return_to_summary(self) -> bool:
        return (self.request.GET.get("retour") or self.request.POST.get("retour")) == SUMMARY

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    # Navigation ------------------------------------------------------------------------

    def _needs_restart(self, step: str | None) -> bool:
        """A step past the first without a known CQP: expired session or forged URL."""
        if step is None or step == self.steps.first:
            return False
        return self.referential() is None

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        slug = request.GET.get("cqp")
        if step is None and slug and slug != self.stored_cqp():
            self.storage.reset()
            self.storage.extra_data = {"preselected": slug}
            return redirect(self.get_step_url(self.steps.first) + "?" + urlencode({"cqp": slug}))
        if step is not None and step not in self.form_list and step != self.done_step_name:
            return redirect("selfcheck:start")
        if self._needs_restart(step):
            return self.restart()
        if step == SUMMARY:
            incomplete = self._first_invalid_step()
            if incomplete:
                messages.error(request, "Complétez cette étape avant de vérifier vos réponses.")
                self.storage.current_step = incomplete
                return redirect(self.get_step_url(incomplete))
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        posted = self.request.POST.get(f"{self.prefix}-current_step")
        if posted not in self.form_list or self._needs_restart(posted):
            return self.restart()
        self.storage.current_step = posted
        goto = self.request.POST.get("wizard_goto_step")
        if goto in self.form_list:
            # "Précédent" and the step links keep what was typed on this step, even unfinished.
            self.storage.set_step_data(posted, self.request.POST)
            return self.render_goto_step(goto)
        action = self.request.POST.get("experience_action", "")
        if posted == "experiences" and action:
            return self._edit_periods(action)
        if posted == "cqp" and self.request.POST.get("cqp-cqp") != self.stored_cqp():
            # Another CQP: the activities declared for the former one no longer apply.
            self.storage.data[self.storage.step_data_key].pop("activities", None)
        try:
            return super().post(*args, **kwargs)
        except SuspiciousOperation:
            return self.restart()

    def render_next_step(self, form, **kwargs):
        if self._return_to_summary() and self.steps.current != SUMMARY:
            self.storage.current_step = SUMMARY
            return redirect(self.get_step_url(SUMMARY))
        return super().render_next_step(form, **kwargs)

    def _edit_periods(self, action: str) -> HttpResponse:
        """Add or remove a period, with htmx or with a plain form post, without validating."""
        prefix = self.get_form_prefix("experiences")
        rows, others = formset_rows(self.request.POST, prefix)
        focus = "add"
        if action == "add" and len(rows) < MAX_EXPERIENCES:
            rows.append({"part_time_percent": ["100"]})
            focus = f"{len(rows) - 1}"
        elif action.startswith("remove-") and action[7:].isdigit() and int(action[7:]) < len(rows):
            del rows[int(action[7:])]
        data = rebuild_formset(rows, others, prefix)
        self.storage.set_step_data("experiences", data)
        form = self.get_form(data=data)
        if focus != "add":
            form.forms[-1].fields["kind"].widget.attrs["autofocus"] = True
        context = self.get_context_data(form=form, focus=focus, edited=action)
        if self.request.htmx and not self.request.htmx.history_restore_request:
            return TemplateResponse(
                self.request, "selfcheck/step_experiences.html#periods", context
            )
        return self.render_to_response(context)

    def _first_invalid_step(self) -> str | None:
        for step in self.form_list:
            if step == SUMMARY:
                return None
            form = self.get_form(step, data=self.storage.get_step_data(step))
            if not form.is_bound or not form.is_valid():
                return step
        return None

    def _summary(self) -> dict:
        ref = self.referential()
        data = {step: self.get_cleaned_data_for_step(step) for step in ("situation", "experiences")}
        activities = self.get_form("activities", data=self.storage.get_step_data("activities"))
        activities.is_valid()
        return {
            "referential": ref,
            "situation": data["situation"],
            "situation_label": dict(SituationForm.base_fields["situation"].choices).get(
                (data["situation"] or {}).get("situation")
            ),
            "experiences": [
                {
                    **e,
                    "kind_label": EXPERIENCE_KINDS.get(e["kind"]),
                    "related_label": "Oui" if e["related"] == "oui" else "Non",
                }
                for e in data["experiences"] or []
                if e
            ],
            "units": [
                (
                    ref.unit_name(u),
                    u.title,
                    [i for i in u.activity_items if i.code in activities.activities],
                )
                for u in ref.units
            ]
            if activities.is_valid()
            else [],
        }

    # The end ---------------------------------------------------------------------------

    def render_done(self, form, **kwargs):
        # formtools forgets the answers once done; keep them so that "Revoir mes réponses"
        # and "Modifier" still work from the result page.
        reset, self.storage.reset = self.storage.reset, lambda: None
        try:
            return super().render_done(form, **kwargs)
        finally:
            self.storage.reset = reset
            self.storage.current_step = SUMMARY

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        messages.error(self.request, "Une réponse n'est plus valable : corrigez cette étape.")
        return super().render_revalidation_failure(failed_step, form, **kwargs)

    def done(self, form_list, form_dict, **kwargs):
        situation = form_dict["situation"].cleaned_data
        answers = build_answers(
            cqp=form_dict["cqp"].cleaned_data["cqp"],
            as_of=timezone.localdate(),
            situation=situation["situation"],
            current_job=situation["current_job"],
            experiences=form_dict["experiences"].cleaned_data,
            activities=form_dict["activities"].activities,
        )
        session = self.request.session
        session[SESSION_RESULT] = answers
        session[SESSION_ACTIVITIES] = {"cqp": answers["cqp"], "activities": answers["activities"]}
        return redirect("selfcheck:result")


wizard = login_not_required(
    SelfCheckWizard.as_view(url_name="selfcheck:step", done_step_name="fin")
)


@login_not_required
def start(request):
    """/verifier-mon-eligibilite/?cqp=<slug>: starts or resumes the check."""
    return wizard(request)


def _result_context(request) -> dict | None:
    assessed = assessed_result(request.session, today=timezone.localdate())
    if assessed is None:
        return None
    answers, ref, verdict = assessed
    return {
        "answers": answers,
        "referential": ref,
        "verdict": verdict,
        "livret_url": "/livrets/nouveau/?" + urlencode({"cqp": ref.slug}),
    }


@login_not_required
def result(request):
    context = _result_context(request)
    if context is None:
        messages.error(request, RESTART_MESSAGE)
        return redirect("selfcheck:start")
    response = render(request, "selfcheck/result.html", context)
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_not_required
def result_pdf(request):
    from .pdf import result_response

    context = _result_context(request)
    if context is None:
        messages.error(request, RESTART_MESSAGE)
        return redirect("selfcheck:start")
    return result_response(request, context)


@login_not_required
def result_pdf_progress(request):
    from .pdf import progress_page

    context = _result_context(request)
    if context is None:
        messages.error(request, RESTART_MESSAGE)
        return redirect("selfcheck:start")
    return progress_page(request, context)
