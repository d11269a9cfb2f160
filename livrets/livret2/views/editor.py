"""The livret editor: list, start, overview, section pages, autosave, history, finalise."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from home.referentials.selectors import current_version, current_versions
from livrets.candidatures import services as candidatures
from livrets.candidatures.deadlines import deadlines, missing_facts
from livrets.candidatures.forms import JourneyForm, StartForm
from livrets.livret2 import parts, selectors, services
from livrets.livret2.anchors import Anchor
from livrets.livret2.completeness import check
from livrets.livret2.forms import FinaliseForm
from livrets.livret2.models import Livret
from livrets.livret2.presenters import build
from livrets.livret2.structure import SITUATION_FIELDS_BY_KEY, place_from_address
from portal.inputs import bounded_int
from portal.sessions import base_context
from portal.templatetags.portal_tags import ErrorItem

SELFCHECK_KEY = "selfcheck_activities"


def livret_list(request):
    livrets = list(selectors.livrets_of(request.user).prefetch_related("answers", "situations"))
    rows = []
    for livret in livrets:
        answers, situations = list(livret.answers.all()), list(livret.situations.all())
        report = check(
            livret.referential_version.referential,
            selectors.content_of(answers, situations, exempt=livret.exempt_sections),
        )
        rows.append((livret, report))
    return render(request, "livrets/list.html", {**base_context(request), "rows": rows})


def _declared_activities(request, slug: str) -> list[str]:
    data = request.session.get(SELFCHECK_KEY) or {}
    if isinstance(data, dict) and data.get("cqp") == slug:
        return [str(code) for code in data.get("activities", [])][:200]
    return []


def start(request):
    """Start a livret; `?cqp=<slug>` comes from the self-check and pre-selects the CQP."""
    initial = {"cqp": request.GET.get("cqp", "")}
    form = StartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        slug = form.cleaned_data["cqp"]
        version = current_version(slug)
        try:
            livret = services.start_livret(
                owner=request.user, version=version, activities=_declared_activities(request, slug)
            )
        except services.LivretError as error:
            messages.error(request, str(error))
            return redirect("livrets:list")
        if request.session.get(SELFCHECK_KEY, {}).get("cqp") == slug:
            del request.session[SELFCHECK_KEY]
        messages.success(
            request, "Votre livret 2 est créé. Commencez par la partie de votre choix."
        )
        return redirect("livrets:detail", pk=livret.pk)
    chosen = next((v for v in current_versions() if v.cqp_slug == initial["cqp"]), None)
    declared = []
    if chosen:
        items = chosen.referential.activity_items_by_code
        declared = [
            items[c][1].label for c in _declared_activities(request, chosen.cqp_slug) if c in items
        ]
    drafts = selectors.livrets_of(request.user).filter(status=Livret.Status.DRAFT)
    return render(
        request,
        "livrets/start.html",
        {
            **base_context(request),
            "form": form,
            "chosen": chosen,
            "declared": declared,
            "drafts": drafts,
        },
    )


def detail(request, pk: int):
    livret = selectors.livret_for(request.user, pk)
    return _detail(request, livret, JourneyForm(candidature=livret.candidature))


def _detail(request, livret: Livret, journey_form: JourneyForm, status: int = 200):
    """The livret's overview; with the journey dates' form as posted when it was refused."""
    editor, _ = build(livret)
    facts = livret.candidature.facts
    today = timezone.localdate()
    dates = deadlines(delays=editor.ref.delays, facts=facts, today=today)
    return render(
        request,
        "livrets/detail.html",
        {
            **base_context(request),
            "livret": livret,
            "editor": editor,
            "journey_form": journey_form,
            "deadlines": dates,
            "missing_facts": missing_facts(delays=editor.ref.delays, facts=facts, today=today),
            "has_next": Livret.objects.filter(previous=livret).exists(),
        },
        status=status,
    )


def section(request, pk: int, code: str):
    livret = selectors.livret_for(request.user, pk)
    problems: dict[str, dict] = {}
    if request.method == "POST":
        problems = _save_form(request, livret)
        if not problems:
            messages.success(request, f"Enregistré à {timezone.localtime():%H:%M}.")
            anchor = request.POST.get("anchor", "contenu")
            return redirect(f"{reverse('livrets:section', args=[livret.pk, code])}#{anchor}")
    editor, view = build(livret, code)
    if view is None:
        raise Http404("Partie inconnue")
    errors = []
    for fv in [*view.fields, *(f for s in view.situations for f in s.fields)]:
        problem = problems.get(fv.name)
        if problem:
            fv.text, fv.version = problem["mine"], problem["version"]
            fv.problem = problem
            errors.append(_error_item(fv, problem))
    codes = [s.code for s in editor.ref.livret_sections]
    index = codes.index(code)
    return render(
        request,
        "livrets/section.html",
        {
            **base_context(request),
            "livret": livret,
            "editor": editor,
            "view": view,
            "previous_code": codes[index - 1] if index else None,
            "next_code": codes[index + 1] if index + 1 < len(codes) else None,
            "errors": errors,
        },
        status=409 if any(p.get("conflict") for p in problems.values()) else 200,
    )


def _error_item(fv, problem: dict) -> ErrorItem:
    """The error summary's line for a field the no-JavaScript save could not keep."""
    target = f"in-{fv.anchor}" if fv.spec.widget == "text" else f"in-{fv.anchor}-1"
    if problem.get("conflict"):
        return ErrorItem("non enregistré, le texte a été modifié ailleurs", target, fv.spec.label)
    error = problem["error"]
    label = "" if fv.spec.label[:80] in error else fv.spec.label
    return ErrorItem(f"Non enregistré. {error}" if not label else error, target, label)


def _save_form(request, livret: Livret) -> dict[str, dict]:
    """The no-JavaScript save: every field of the submitted form; returns problems by name."""
    fields = [
        (
            name,
            request.POST.getlist(name),
            _base_version(request.POST.get(f"v:{name}", "0")),
        )
        for name in request.POST.getlist("fields")
    ]
    return services.save_form(livret=livret, fields=fields)


def _base_version(raw: str) -> int:
    """The version a save is based on, as the form sent it; 0 (a first save) if garbled or
    past what the database holds."""
    return bounded_int(raw) or 0


@login_not_required
@require_POST
def autosave(request, pk: int):
    """POST {part, field, text, base_version}: saves one field, answers an HTML fragment.

    200 saved: the field's status, with out-of-band swaps of what the save can change (the
    section's state and its entry in the menu); 409 stale save (nothing overwritten, both
    texts shown); 400 refused text; 401 session expired. The version is in X-Livret-Version.
    Reads only the saved section, never the whole livret.
    """
    if not request.user.is_authenticated:
        response = HttpResponse(
            render_to_string("livrets/_save_expired.html", {"login_url": reverse("account_login")}),
            status=401,
        )
        return response
    anchor = Anchor.parse(request.POST.get("part", ""), request.POST.get("field", ""))
    text = request.POST.get("text", "")
    try:
        saved = services.autosave(
            user=request.user,
            livret_pk=pk,
            anchor=anchor,
            text=text,
            base_version=_base_version(request.POST.get("base_version", "0")),
        )
    except services.LivretLocked as error:
        return HttpResponse(
            render_to_string("livrets/_save_error.html", {"error": str(error)}), status=403
        )
    except services.LivretError as error:
        return HttpResponse(
            render_to_string("livrets/_save_error.html", {"error": str(error)}), status=400
        )
    result = saved.result
    if result.conflict:
        response = HttpResponse(
            render_to_string(
                "livrets/_save_conflict.html",
                {"theirs": result.text, "mine": text, "version": result.version},
            ),
            status=409,
        )
    else:
        response = HttpResponse(
            render_to_string(
                "livrets/_save_ok.html",
                {
                    "livret": saved.target.livret,
                    "view": saved.state,
                    "code": saved.target.section.code,
                    "saved_at": timezone.localtime(),
                },
            )
        )
    response["X-Livret-Version"] = str(result.version)
    return response


@require_POST
def add_situation(request, pk: int, code: str):
    livret = selectors.livret_for(request.user, pk)
    try:
        situation = parts.add_situation(livret=livret, section=code)
    except services.LivretError as error:
        messages.error(request, str(error))
        return redirect("livrets:section", pk=livret.pk, code=code)
    return redirect(
        f"{reverse('livrets:section', args=[livret.pk, code])}#situation-{situation.pk}"
    )


def delete_situation(request, pk: int, sid: int):
    situation = selectors.situation_for(request.user, pk, sid)
    if request.method == "POST":
        try:
            parts.delete_situation(situation=situation)
        except services.LivretError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "La situation a été supprimée.")
        return redirect("livrets:section", pk=pk, code=situation.section_code)
    return render(
        request,
        "livrets/situation_delete.html",
        {**base_context(request), "livret": situation.livret, "situation": situation},
    )


def history(request, pk: int):
    """The revisions of one field (`?part=...&field=...`), each restorable."""
    livret = selectors.livret_for(request.user, pk)
    key = request.GET.get("field", "")
    section_code, situation = selectors.part_of(
        livret, Anchor.parse(request.GET.get("part", ""), key)
    )
    spec = services.field_spec(livret, section=section_code, situation=situation, key=key)
    if spec is None:
        raise Http404("Champ inconnu")
    revisions = selectors.answer_history(livret, section=section_code, key=key, situation=situation)
    return render(
        request,
        "livrets/history.html",
        {
            **base_context(request),
            "livret": livret,
            "spec": spec,
            "section_code": section_code,
            "situation": situation,
            "revisions": revisions,
        },
    )


def situation_history(request, pk: int, sid: int):
    situation = selectors.situation_for(request.user, pk, sid)
    revisions = [
        (SITUATION_FIELDS_BY_KEY.get(r.answer.field_key), r)
        for r in selectors.situation_history(situation)
    ]
    return render(
        request,
        "livrets/situation_history.html",
        {
            **base_context(request),
            "livret": situation.livret,
            "situation": situation,
            "revisions": revisions,
        },
    )


@require_POST
def restore(request, pk: int, rid: int):
    revision = selectors.revision_for(request.user, pk, rid)
    livret = revision.answer.livret
    try:
        services.restore_revision(livret=livret, revision=revision)
    except services.LivretError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"La version {revision.version} du texte est rétablie.")
    return redirect("livrets:section", pk=livret.pk, code=revision.answer.section_code)


def finalise(request, pk: int):
    livret = selectors.livret_for(request.user, pk)
    editor, _ = build(livret)
    form = FinaliseForm(
        request.POST or None,
        initial={
            "date": timezone.localdate(),
            "name": selectors.identity_name(livret),
            "place": place_from_address(selectors.identity_answer(livret, "adresse")),
        },
        started_on=timezone.localdate(livret.created_at),
        today=timezone.localdate(),
    )
    if (
        request.method == "POST"
        and not livret.is_finalised
        and editor.report.complete
        and form.is_valid()
    ):
        services.finalise(
            livret=livret,
            sworn_name=form.cleaned_data["name"],
            sworn_on=form.cleaned_data["date"],
            sworn_place=form.cleaned_data["place"],
        )
        messages.success(request, "Votre livret est finalisé. Il n'est plus modifiable.")
        return redirect("livrets:detail", pk=livret.pk)
    return render(
        request,
        "livrets/finalise.html",
        {**base_context(request), "livret": livret, "editor": editor, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def reopen(request, pk: int):
    livret = selectors.livret_for(request.user, pk)
    try:
        new = services.reopen(livret=livret)
    except services.LivretError as error:
        messages.error(request, str(error))
        return redirect("livrets:detail", pk=livret.pk)
    messages.success(
        request,
        f"La version {new.number} de votre livret est ouverte ; "
        "la version finalisée est conservée.",
    )
    return redirect("livrets:detail", pk=new.pk)


@require_POST
def journey(request, pk: int):
    livret = selectors.livret_for(request.user, pk)
    form = JourneyForm(request.POST, candidature=livret.candidature)
    if not form.is_valid():
        return _detail(request, livret, form, status=400)
    candidatures.record_dates(
        candidature=livret.candidature,
        facts=form.facts(),
        by=request.user,
        today=timezone.localdate(),
        steps=form.STEPS,
    )
    messages.success(request, "Vos dates sont enregistrées.")
    return redirect(f"{reverse('livrets:detail', args=[livret.pk])}#parcours")
