"""« Mes données »: export everything, correct the names, delete the account; keep the
session alive. The URLs keep their names in the ``livrets`` namespace (``urls.py``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal import passwords, sessions
from portal.accounts import services
from portal.accounts.export import export_stream
from portal.accounts.forms import DeleteAccountForm, NamesForm
from portal.ratelimit import take


def _my_data_page(request, *, form=None, names_form=None, status: int = 200):
    user = request.user
    return render(
        request,
        "accounts/my_data.html",
        {
            **sessions.base_context(request),
            "form": form or DeleteAccountForm(user=user),
            "names_form": names_form
            or NamesForm(initial={"first_name": user.first_name, "last_name": user.last_name}),
        },
        status=status,
    )


def my_data(request):
    if request.method != "POST":
        return _my_data_page(request)
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _my_data_page(request, form=form, status=400)
    user = request.user
    logout(request)
    services.delete_account(user=user)
    messages.success(request, "Votre compte et toutes vos données ont été supprimés.")
    return redirect("/")


@require_POST
def names(request):
    """Correct the first name and name the account shows to the accompagnateurs."""
    form = NamesForm(request.POST)
    if not form.is_valid():
        return _my_data_page(request, names_form=form, status=400)
    form.save_to(request.user)
    messages.success(request, "Vos prénom et nom ont été enregistrés.")
    return redirect("livrets:my_data")


EXPORT_WINDOW_SECONDS = 3600


def export(request):
    """The zip of everything held about the person, streamed; a few per hour."""
    per_hour = int(settings.DATA_EXPORTS_PER_HOUR)
    if not take(
        f"data-exports:user:{request.user.pk}", limit=per_hour, window=EXPORT_WINDOW_SECONDS
    ):
        messages.error(
            request,
            f"Vous avez déjà téléchargé vos données {per_hour} fois au cours de la dernière "
            "heure, le maximum autorisé. Réessayez dans une heure.",
        )
        response = _my_data_page(request, status=429)
        response["Retry-After"] = str(EXPORT_WINDOW_SECONDS)
        return response
    response = StreamingHttpResponse(export_stream(request.user), content_type="application/zip")
    name = f"mes-donnees-cqp-vae-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@require_POST
def extend_session(request):
    """Extends the session (any request does); tells the page how long it now has."""
    if not request.user.is_authenticated:
        return JsonResponse({"expires_in": 0}, status=401)
    return JsonResponse({"expires_in": sessions.extend(request.session, force=True)})


@login_not_required
@require_POST
def password_strength(request):
    """The strength of the password being typed (sign-up, change, reset), for the meter shown
    beside it: the same validators as the form's, which stay the judge when it is sent."""
    user = request.user if request.user.is_authenticated else _person_typing(request)
    password = request.POST.get("password", "")[:200]
    return JsonResponse(passwords.strength(password, user))


def _person_typing(request):
    """An unsaved account holding what the sign-up form says so far (names, email)."""
    from django.contrib.auth import get_user_model

    return get_user_model()(
        email=request.POST.get("email", "")[:254],
        first_name=request.POST.get("first_name", "")[:150],
        last_name=request.POST.get("last_name", "")[:150],
    )
