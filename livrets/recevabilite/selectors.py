"""Reads of recevabilité requests, scoped to their owner (another person's request is a 404).

An accompagnateur the candidate invited on a livret 2 of the same CQP reads the request too
(``readable_request``), never writes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from home.referentials.request import RequestForm
from livrets.candidatures import access
from livrets.candidatures.models import Candidature
from livrets.recevabilite.models import CandidateProfile, Period, Proof, RecevabiliteRequest
from livrets.recevabilite.rules import PeriodContent, RequestContent

PROFILE_FIELDS = (
    "civilite",
    "nom",
    "prenom",
    "adresse",
    "telephone_domicile",
    "telephone_travail",
    "telephone_portable",
    "email",
    "naissance_date",
    "naissance_lieu",
)


def requests_of(user) -> QuerySet[RecevabiliteRequest]:
    return RecevabiliteRequest.objects.filter(owner=user).select_related(
        "referential_version", "cqp", "candidature"
    )


def request_for(user, pk: int) -> RecevabiliteRequest:
    return get_object_or_404(requests_of(user), pk=pk)


def readable_requests(user) -> QuerySet[RecevabiliteRequest]:
    return RecevabiliteRequest.objects.filter(access.readable_filter(user)).select_related(
        "referential_version", "cqp", "owner", "candidature"
    )


def readable_request(user, pk: int) -> RecevabiliteRequest:
    return get_object_or_404(readable_requests(user), pk=pk)


def period_for(user, pk: int, pid: int) -> Period:
    return get_object_or_404(
        Period.objects.select_related("request__referential_version"),
        pk=pid,
        request_id=pk,
        request__owner=user,
    )


def proof_for(user, pk: int, did: int) -> Proof:
    return get_object_or_404(
        Proof.objects.select_related("request"), pk=did, request_id=pk, request__owner=user
    )


def readable_proof(user, pk: int, did: int) -> Proof:
    request = readable_request(user, pk)
    return get_object_or_404(Proof.objects.select_related("request"), pk=did, request=request)


def form_of(request: RecevabiliteRequest) -> RequestForm:
    """The request form of the request's referential version: a part of its typed view."""
    form = request.referential_version.referential.request
    if form is None:  # a version loaded before the request form existed
        raise Http404("Ce CQP ne décrit pas encore sa demande de recevabilité.")
    return form


def profile_data(user) -> dict[str, object]:
    profile = CandidateProfile.objects.filter(user=user).first()
    if profile is None:
        return {}
    return {f: getattr(profile, f) for f in PROFILE_FIELDS}


def periods_with_proofs(request: RecevabiliteRequest) -> list[Period]:
    return list(request.periods.annotate(proof_count=Count("proofs")))


def content(request: RecevabiliteRequest) -> RequestContent:
    periods = tuple(
        PeriodContent(
            id=p.pk,
            number=n,
            kind=p.kind,
            title=p.title,
            employer=p.employer,
            sector=p.sector,
            start=p.start,
            end=p.end,
            current=p.current,
            weekly_hours=float(p.weekly_hours) if p.weekly_hours is not None else None,
            total_hours=p.total_hours,
            related=p.related,
            activities=dict(p.activities or {}),
            proofs=p.proof_count,
        )
        for n, p in enumerate(periods_with_proofs(request), 1)
    )
    return RequestContent(
        profile=profile_data(request.owner),
        career=dict(request.career or {}),
        periods=periods,
        last_class=request.last_class,
        diplomas=tuple(request.diplomas or ()),
        diploma_details=dict(request.diploma_details or {}),
        other_requests_this_year=request.other_requests_this_year,
        portal_requests_this_year=portal_requests_this_year(request),
        validation_sought=request.validation_sought,
        blocks_held=tuple(request.blocks_held or ()),
    )


def portal_requests_this_year(request: RecevabiliteRequest, year: int | None = None) -> int:
    """The owner's other requests (other CQPs) the portal knows were made in the calendar
    year: finalised on the portal, or recorded as sent, that year."""
    year = year or timezone.localdate().year
    made = Q(finalised_at__year=year) | Q(candidature__request_sent_on__year=year)
    return (
        RecevabiliteRequest.objects.filter(made, owner_id=request.owner_id)
        .exclude(pk=request.pk)
        .count()
    )


@dataclass(frozen=True)
class Sought:
    """The national form's first part as the candidate answered it, for the pages, the PDF
    and the export: the CQP, the type of validation sought and the blocks already held."""

    title: str
    # The chosen type's code and label ("" while unanswered).
    validation: str
    validation_label: str
    # (code, "Bloc de compétences 1 – Coordination…"), in the referential's order.
    blocks: tuple[tuple[str, str], ...]
    # Every type of validation, with whether it is the chosen one (the PDF's boxes).
    choices: tuple[tuple[str, bool], ...]


def unit_choices(request: RecevabiliteRequest) -> list[tuple[str, str]]:
    """The units of the request's referential version, as the candidate ticks them."""
    ref = request.referential_version.referential
    return [(u.code, f"{ref.unit_name(u)} – {u.title}") for u in ref.units]


def sought(request: RecevabiliteRequest) -> Sought | None:
    """The certification sought, for a national-form request; None for a certifier's own
    form (002), which does not ask it."""
    if form_of(request).is_own_form:
        return None
    held = set(request.blocks_held or ())
    chosen = request.validation_sought
    kinds = RecevabiliteRequest.ValidationSought.choices
    return Sought(
        title=request.referential_version.title,
        validation=chosen,
        validation_label=request.get_validation_sought_display() if chosen else "",
        blocks=tuple((code, label) for code, label in unit_choices(request) if code in held),
        choices=tuple((label, code == chosen) for code, label in kinds),
    )


def gap_request_for_livret(livret) -> RecevabiliteRequest | None:
    """The request of a livret's candidate and CQP, if the gaps analysis was recorded."""
    return (
        RecevabiliteRequest.objects.filter(candidature_id=livret.candidature_id)
        .exclude(gap_units=[])
        .only("gap_units", "gap_note")
        .first()
    )


def gaps_recorded_by_certifier(request: RecevabiliteRequest) -> bool:
    """Whether the certifier's commission recorded its analysis of the gaps on the portal
    (004): the desk's rows, read through their relation to the candidature (the desk sits
    above this app and is not imported)."""
    return Candidature.objects.filter(
        pk=request.candidature_id, gap_findings__isnull=False
    ).exists()


def followers(request: RecevabiliteRequest) -> list:
    """The accompagnateurs who read the request now: those of its candidature, each once."""
    return access.followers(request.candidature)
