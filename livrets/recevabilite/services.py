"""Writes to recevabilité requests. Views call these; the rules live in ``rules``."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from home.referentials.domain import EXPERIENCE_KINDS
from livrets.candidatures.deadlines import Facts
from livrets.candidatures.services import CandidatureError, candidature_of, record_dates
from livrets.recevabilite import rules, selectors
from livrets.recevabilite.models import (
    CandidateProfile,
    NationalForm,
    Period,
    Proof,
    RecevabiliteRequest,
    RequestComment,
)
from portal.accounts.quotas import store_under_lock
from portal.dates import in_range
from portal.uploads import (
    checked_upload,
    clean_name,
    file_to_keep,
    format_size,
    size_refusal,
)

AT_DESK = (
    "Cette demande est déposée sur le portail : ses dates et sa décision sont enregistrées "
    "par le certificateur."
)


class RequestError(Exception):
    """A write the rules refuse; the message is shown to the candidate as is."""


def _ensure_draft(request: RecevabiliteRequest) -> None:
    if request.is_finalised:
        raise RequestError(
            "Cette demande est finalisée : elle ne peut plus être modifiée. Rouvrez-la."
        )


# The candidate profile ---------------------------------------------------------------------

LIVRET_IDENTITY = {
    "civilite": "civilite",
    "nom": "nom",
    "prenom": "prenom",
    "adresse": "adresse",
    "telephone": "telephone_portable",
    "email": "email",
}


def profile_for(user) -> CandidateProfile:
    """The candidate's profile; created from their account and latest livret 2 identity."""
    profile = CandidateProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    from livrets.livret2.models import Answer

    values = {"nom": user.last_name, "prenom": user.first_name, "email": user.email}
    answers = Answer.objects.filter(
        livret__owner=user, situation=None, section_code="identite"
    ).order_by("updated_at")
    for answer in answers:
        target = LIVRET_IDENTITY.get(answer.field_key)
        if target and answer.text.strip():
            values[target] = answer.text.strip()[:150]
    return CandidateProfile.objects.create(user=user, **values)


def save_profile(*, user, data: dict) -> CandidateProfile:
    profile = profile_for(user)
    for key in selectors.PROFILE_FIELDS:
        if key in data:
            setattr(profile, key, data[key])
    profile.save()
    return profile


def parse_day(value) -> date | None:
    """A date carried over from the self-check, or None when missing, garbled or outside the
    range every date of the portal keeps (``portal.dates``)."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None
    return day if in_range(day) else None


def start_request(
    *, owner, version, experiences: list[dict] = ()
) -> tuple[RecevabiliteRequest, bool]:
    """The candidate's request for this CQP; a new one carries the self-check's periods over."""
    existing = RecevabiliteRequest.objects.filter(owner=owner, cqp_id=version.cqp_id).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        request = RecevabiliteRequest.objects.create(
            owner=owner,
            candidature=candidature_of(
                owner=owner, cqp_id=version.cqp_id, selfcheck={"experiences": experiences[:30]}
            ),
            cqp_id=version.cqp_id,
            referential_version=version,
        )
        for position, e in enumerate(experiences[:30], 1):
            if e.get("kind") not in EXPERIENCE_KINDS:
                continue
            end = parse_day(e.get("end"))
            Period.objects.create(
                request=request,
                position=position,
                kind=e["kind"],
                title=str(e.get("title", ""))[:200],
                employer=str(e.get("organisation", ""))[:200],
                start=parse_day(e.get("start")),
                end=end,
                current=end is None,
                part_time_percent=int(e.get("part_time_percent") or 100),
                related=bool(e.get("related", True)),
            )
        profile_for(owner)
    return request, True


def save_education(
    *,
    request: RecevabiliteRequest,
    career: dict,
    last_class: str,
    diplomas,
    details,
    validation_sought: str = "",
    blocks_held=(),
) -> None:
    """The education page. For a national form, also the certification sought: the type of
    validation (a code of ``ValidationSought``) and the blocks held (codes of the request's
    referential version, kept in its order); a certifier's own form keeps neither."""
    _ensure_draft(request)
    form = selectors.form_of(request)
    if form.is_own_form:
        validation_sought, blocks_held = "", ()
    kinds = RecevabiliteRequest.ValidationSought.values
    request.validation_sought = validation_sought if validation_sought in kinds else ""
    held = set(blocks_held)
    request.blocks_held = [c for c, _ in selectors.unit_choices(request) if c in held]
    known = form.diplomas.by_code
    chosen = [c for c in diplomas if c in known]
    if "aucun" in chosen and len(chosen) > 1:
        raise RequestError("« Aucun diplôme » ne peut pas être coché avec un diplôme.")
    request.career = {f.code: str(career.get(f.code, ""))[:2000] for f in form.career}
    request.last_class = last_class if last_class in form.last_class.by_code else ""
    request.diplomas = chosen
    request.diploma_details = {
        c: str(details.get(c, ""))[:300] for c in chosen if known[c].detail_label
    }
    request.save()


def add_period(*, request: RecevabiliteRequest, kind: str = "salarie") -> Period:
    _ensure_draft(request)
    last = request.periods.aggregate(n=Max("position"))["n"] or 0
    return Period.objects.create(request=request, position=last + 1, kind=kind)


def save_period(*, period: Period, data: dict, activities: dict[str, str]) -> Period:
    _ensure_draft(period.request)
    form = selectors.form_of(period.request)
    for key, value in data.items():
        setattr(period, key, value)
    if period.current:
        period.end = None
    period.activities = {
        a.code: activities[a.code][:4000] for a in form.areas if activities.get(a.code, "").strip()
    }
    period.save()
    return period


def delete_period(*, period: Period) -> None:
    _ensure_draft(period.request)
    for proof in period.proofs.all():
        proof.file.delete(save=False)
    period.delete()


# Proofs: the livret documents' rules -------------------------------------------------------


def _check_request_quota(request: RecevabiliteRequest, *, adding: int) -> None:
    used = request.proofs.aggregate(total=Sum("size"))["total"] or 0
    if used + adding > settings.LIVRET_MAX_BYTES:
        raise RequestError(
            f"Ce fichier dépasserait la limite de {format_size(settings.LIVRET_MAX_BYTES)} "
            f"par demande (déjà utilisés : {format_size(used)})."
        )


def add_proof(*, request: RecevabiliteRequest, upload, period: Period | None) -> Proof:
    _ensure_draft(request)
    if refusal := size_refusal(upload):
        raise RequestError(refusal)
    _check_request_quota(request, adding=upload.size)  # quick refusal before storing anything
    kind, checked = checked_upload(upload)
    if checked.refusal:
        raise RequestError(checked.refusal)
    kept = file_to_keep(upload, checked)
    proof = Proof(
        request=request,
        period=period,
        name=clean_name(upload.name, kind),
        kind=kind,
        size=kept.size,
    )
    proof.upload_notice = checked.notice  # what the stored copy lost, told on success
    store_under_lock(
        proof,
        kept,
        owner_id=request.owner_id,
        check=lambda: _check_request_quota(request, adding=0),
    )
    return proof


def delete_proof(*, proof: Proof) -> None:
    _ensure_draft(proof.request)
    proof.file.delete(save=False)
    proof.delete()


# Declaration, finalising -------------------------------------------------------------------


def set_other_requests(*, request: RecevabiliteRequest, count: int) -> None:
    """Record the count; refuse (with the source's sentence) a request over the limit."""
    _ensure_draft(request)
    request.other_requests_this_year = count
    request.save(update_fields=["other_requests_this_year", "updated_at"])
    refused = rules.refusal(
        selectors.form_of(request), count, selectors.portal_requests_this_year(request)
    )
    if refused:
        raise RequestError(f"Le portail ne peut pas préparer une demande de plus : « {refused} »")


def finalise(
    *, request: RecevabiliteRequest, sworn_name: str, sworn_place: str, sworn_on: date
) -> None:
    _ensure_draft(request)
    missing = rules.missing(selectors.form_of(request), selectors.content(request))
    if missing:
        raise RequestError(f"Il manque encore {len(missing)} élément(s).")
    request.status = RecevabiliteRequest.Status.FINALISED
    request.finalised_at = timezone.now()
    request.sworn_name, request.sworn_place, request.sworn_on = sworn_name, sworn_place, sworn_on
    request.save()


def reopen(*, request: RecevabiliteRequest) -> None:
    if not request.is_finalised:
        raise RequestError("Seule une demande finalisée peut être rouverte.")
    if request.candidature.request_sent_on:
        raise RequestError("Cette demande est envoyée : elle ne peut plus être modifiée.")
    request.status = RecevabiliteRequest.Status.DRAFT
    request.finalised_at = None
    request.save()


# After sending -----------------------------------------------------------------------------


def record_answer(*, request: RecevabiliteRequest, facts: Facts, by, today: date) -> None:
    """The sending, receipt and decision the candidate records, on the candidature: the
    livret 2, this request and « Mes démarches » all show what follows from them."""
    if not request.is_finalised:
        raise RequestError("Finalisez la demande avant d'indiquer son envoi.")
    if request.candidature.at_desk:
        raise RequestError(AT_DESK)
    try:
        record_dates(candidature=request.candidature, facts=facts, by=by, today=today)
    except CandidatureError as error:
        raise RequestError(str(error)) from None


def record_gaps(*, request: RecevabiliteRequest, units: list[str], note: str) -> None:
    if selectors.gaps_recorded_by_certifier(request):
        raise RequestError(
            "La commission a enregistré son analyse des écarts sur le portail : vos notes ne "
            "sont plus modifiables."
        )
    ref = request.referential_version.referential
    request.gap_units = [u.code for u in ref.units if u.code in set(units)]
    request.gap_note = note[:4000]
    request.save(update_fields=["gap_units", "gap_note", "updated_at"])


def add_comment(
    *, request: RecevabiliteRequest, author, part: str, body: str, opinion: str = ""
) -> RequestComment:
    """An accompagnateur's comment on a part of the request (the view checked the access)."""
    return RequestComment.objects.create(
        request=request, author=author, part=part, body=body, opinion=opinion or ""
    )


def start_livret(*, request: RecevabiliteRequest, activities: list[str] = ()):
    """A livret 2 for the request's CQP once the request is accepted, dated from it."""
    from livrets.livret2 import services as livret_services
    from livrets.livret2.models import Livret

    existing = Livret.objects.filter(candidature_id=request.candidature_id).first()
    if existing is not None:
        return existing
    livret = livret_services.start_livret(
        owner=request.owner,
        version=request.cqp.current or request.referential_version,
        activities=list(activities),
    )
    return livret


# Account deletion ----------------------------------------------------------------------------


def delete_files_of(user) -> None:
    """The proofs' and filled national forms' files (the rows go with the account)."""
    for proof in Proof.objects.filter(request__owner=user):
        proof.file.delete(save=False)
    for form in NationalForm.objects.filter(request__owner=user):
        form.file.delete(save=False)
