"""The request editor: start, overview, identity, education, periods, declaration."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from home.referentials.domain import EXPERIENCE_KINDS
from home.referentials.selectors import current_version, current_versions
from livrets.candidatures.forms import StartForm
from livrets.recevabilite import rules, selectors, services
from livrets.recevabilite.forms import (
    EducationForm,
    FinaliseForm,
    IdentityForm,
    PeriodForm,
    RequestsCountForm,
)
from livrets.recevabilite.views.common import context
from portal.sessions import base_context
from selfcheck.answers import SESSION_RESULT


def _selfcheck_periods(http_request, slug: str) -> list[dict]:
    """The periods declared in this session's self-check, if it was for this CQP."""
    answers = http_request.session.get(SESSION_RESULT)
    if isinstance(answers, dict) and answers.get("cqp") == slug:
        return [e for e in answers.get("experiences", []) if isinstance(e, dict)][:30]
    return []


def start(request):
    """From the self-check result or « Mes démarches »: the request for one CQP."""
    form = StartForm(request.POST or None, initial={"cqp": request.GET.get("cqp", "")})
    if request.method == "POST" and form.is_valid():
        slug = form.cleaned_data["cqp"]
        try:
            rq, created = services.start_request(
                owner=request.user,
                version=current_version(slug),
                experiences=_selfcheck_periods(request, slug),
            )
        except IntegrityError:  # a double submit created it meanwhile
            rq = selectors.requests_of(request.user).get(cqp__slug=slug)
            created = False
        if created:
            count = rq.periods.count()
            messages.success(
                request,
                f"Votre demande de recevabilité est créée avec {count} période"
                f"{'s' if count > 1 else ''} reprise{'s' if count > 1 else ''} de votre "
                "vérification d'éligibilité.",
            )
        return redirect("recevabilite:detail", rpk=rq.pk)
    slug = form["cqp"].value() or ""
    chosen = next((v for v in current_versions() if v.cqp_slug == slug), None)
    periods = [
        {
            "title": e.get("title", ""),
            "employer": e.get("organisation", ""),
            "kind_label": EXPERIENCE_KINDS.get(e.get("kind"), ""),
            "start": services.parse_day(e.get("start")),
            "end": services.parse_day(e.get("end")),
            "related": e.get("related"),
        }
        for e in _selfcheck_periods(request, slug)
    ]
    existing = selectors.requests_of(request.user).filter(cqp__slug=slug).first()
    return render(
        request,
        "recevabilite/start.html",
        {
            **base_context(request),
            "form": form,
            "chosen": chosen,
            "periods": periods,
            "existing": existing,
        },
        status=400 if request.method == "POST" else 200,
    )


def detail(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    periods = selectors.periods_with_proofs(rq)
    return render(
        request,
        "recevabilite/detail.html",
        context(
            request,
            rq,
            periods=periods,
            followers=selectors.followers(rq),
            sought=selectors.sought(rq),
        ),
    )


def identity(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    spec = selectors.form_of(rq)
    profile = services.profile_for(request.user)
    form = IdentityForm(request.POST or None, instance=profile, request_form=spec)
    if request.method == "POST" and not rq.is_finalised and form.is_valid():
        form.save()
        messages.success(request, "Votre identité est enregistrée.")
        return redirect("recevabilite:detail", rpk=rq.pk)
    return render(
        request,
        "recevabilite/identity.html",
        context(request, rq, form=form, menu_current="identite"),
        status=400 if request.method == "POST" else 200,
    )


def education(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    spec = selectors.form_of(rq)
    initial = {f"career_{k}": v for k, v in (rq.career or {}).items()}
    initial |= {"last_class": rq.last_class, "diplomas": rq.diplomas}
    initial |= {f"detail_{k}": v for k, v in (rq.diploma_details or {}).items()}
    initial |= {"validation_sought": rq.validation_sought, "blocks_held": rq.blocks_held}
    form = EducationForm(
        request.POST or None,
        initial=initial,
        request_form=spec,
        units=() if spec.is_own_form else selectors.unit_choices(rq),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_education(
                request=rq,
                career=form.career(),
                last_class=form.cleaned_data["last_class"],
                diplomas=form.cleaned_data["diplomas"],
                details=form.details(),
                validation_sought=form.cleaned_data.get("validation_sought", ""),
                blocks_held=form.cleaned_data.get("blocks_held", ()),
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Votre parcours et votre formation sont enregistrés.")
            return redirect("recevabilite:detail", rpk=rq.pk)
    return render(
        request,
        "recevabilite/education.html",
        context(request, rq, form=form, menu_current="formation"),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def add_period(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    try:
        period = services.add_period(request=rq)
    except services.RequestError as error:
        messages.error(request, str(error))
        return redirect("recevabilite:detail", rpk=rq.pk)
    return redirect("recevabilite:period", rpk=rq.pk, pid=period.pk)


def period(request, rpk: int, pid: int):
    period = selectors.period_for(request.user, rpk, pid)
    rq = period.request
    spec = selectors.form_of(rq)
    data = request.POST or None
    form = PeriodForm(data, instance=period, request_form=spec, initial={"current": period.current})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_period(
                period=period, data=form.period_data(), activities=form.activities()
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"La période est enregistrée à {timezone.localtime():%H:%M}.")
            return redirect(reverse("recevabilite:period", args=[rq.pk, period.pk]) + "#pieces")
    number = list(rq.periods.values_list("pk", flat=True)).index(period.pk) + 1
    return render(
        request,
        "recevabilite/period.html",
        context(
            request,
            rq,
            form=form,
            period=period,
            number=number,
            proofs=list(period.proofs.all()),
            proof_text=spec.proof_text(period.kind),
            texts=spec.period_texts(current=period.current),
        ),
        status=400 if request.method == "POST" else 200,
    )


def delete_period(request, rpk: int, pid: int):
    period = selectors.period_for(request.user, rpk, pid)
    if request.method == "POST":
        try:
            services.delete_period(period=period)
        except services.RequestError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "La période est supprimée.")
        return redirect(reverse("recevabilite:detail", args=[rpk]) + "#periodes")
    return render(
        request,
        "recevabilite/period_delete.html",
        context(request, period.request, period=period),
    )


def declaration(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    spec = selectors.form_of(rq)
    today = timezone.localdate()
    count_form = RequestsCountForm(
        request.POST if "count" in request.POST else None,
        initial={"other_requests_this_year": rq.other_requests_this_year},
        prefix="count",
    )
    final_form = FinaliseForm(
        request.POST if "finalise" in request.POST else None,
        sworn_statement=bool(spec and spec.sworn),
        started_on=timezone.localdate(rq.created_at),
        today=today,
        initial={"date": today, "name": _full_name(rq)},
        prefix="final",
    )
    on_portal = selectors.portal_requests_this_year(rq)
    refused = rules.refusal(spec, rq.other_requests_this_year, on_portal)
    if request.method == "POST" and "count" in request.POST and count_form.is_valid():
        try:
            services.set_other_requests(
                request=rq, count=count_form.cleaned_data["other_requests_this_year"]
            )
        except services.RequestError as error:
            count_form.add_error("other_requests_this_year", str(error))
        else:
            messages.success(request, "Votre réponse est enregistrée.")
            return redirect(reverse("recevabilite:declaration", args=[rq.pk]) + "#finaliser")
    if request.method == "POST" and "finalise" in request.POST and final_form.is_valid():
        try:
            services.finalise(
                request=rq,
                sworn_name=final_form.cleaned_data["name"],
                sworn_place=final_form.cleaned_data["place"],
                sworn_on=final_form.cleaned_data["date"],
            )
        except services.RequestError as error:
            final_form.add_error(None, str(error))
        else:
            messages.success(
                request, "Votre demande est finalisée : téléchargez le PDF et envoyez-la."
            )
            return redirect("recevabilite:detail", rpk=rq.pk)
    return render(
        request,
        "recevabilite/declaration.html",
        context(
            request,
            rq,
            count_form=count_form,
            final_form=final_form,
            refused=refused,
            on_portal=on_portal,
        ),
        status=400 if request.method == "POST" else 200,
    )


def _full_name(rq) -> str:
    data = selectors.profile_data(rq.owner)
    return " ".join(str(data.get(k) or "") for k in ("prenom", "nom")).strip()


@require_POST
def reopen(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    try:
        services.reopen(request=rq)
    except services.RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Votre demande est rouverte : vous pouvez la modifier.")
    return redirect("recevabilite:detail", rpk=rq.pk)
