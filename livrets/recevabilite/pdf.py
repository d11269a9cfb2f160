"""The request's PDF, with the livret's engine: the source's own form filled in (002), or a
preparation file for a national form (000, 004) that says plainly it is not the form."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from home.referentials.domain import EXPERIENCE_KINDS
from home.referentials.provenance import Text
from home.referentials.request import Field, PeriodTexts, RequestForm
from livrets.recevabilite import rules, selectors
from livrets.recevabilite.models import RecevabiliteRequest
from portal.pdf.export import PdfExport, printed
from portal.pdf.render import render_html

TEMPLATE = "recevabilite/pdf.html"


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    proposed: bool = False
    choices: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class PrintedPeriod:
    number: int
    period: object
    kind_label: str
    activities: tuple[tuple[Field, str], ...]
    proofs: tuple
    proof_text: Text


def _value(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _rows(specs: tuple[Field, ...], values: dict) -> list[Row]:
    return [
        Row(
            s.label,
            _value(values.get(s.code)),
            not s.from_source,
            tuple((c.label, values.get(s.code) == c.code) for c in s.choices),
        )
        for s in specs
    ]


def _periods(spec: RequestForm, rq: RecevabiliteRequest) -> list[PrintedPeriod]:
    proofs: dict[int | None, list] = {}
    for proof in rq.proofs.all():
        proofs.setdefault(proof.period_id, []).append(proof)
    return [
        PrintedPeriod(
            number=n,
            period=p,
            kind_label=EXPERIENCE_KINDS.get(p.kind, p.kind),
            activities=tuple((a, (p.activities or {}).get(a.code, "")) for a in spec.areas),
            proofs=tuple(proofs.get(p.pk, ())),
            proof_text=spec.proof_text(p.kind),
        )
        for n, p in enumerate(rq.periods.all(), 1)
    ]


@dataclass(frozen=True)
class PeriodGroup:
    texts: PeriodTexts
    periods: list[PrintedPeriod]


def _period_groups(spec: RequestForm, periods: list[PrintedPeriod]) -> list[PeriodGroup]:
    """One section for every period; where the source's form only has the current job's
    block, that block for the current job and the portal's section for the others."""
    if not spec.current_job_only:
        return [PeriodGroup(spec.period_texts(current=True), periods)]
    groups = [
        PeriodGroup(spec.period_texts(current=True), [x for x in periods if x.period.current])
    ]
    if others := [x for x in periods if not x.period.current]:
        groups.append(PeriodGroup(spec.period_texts(current=False), others))
    return groups


def _sought_row(sought: selectors.Sought | None) -> Row | None:
    """The type of validation sought, as boxes (the national form's first part)."""
    if sought is None:
        return None
    return Row("Type de validation visée", sought.validation_label, True, sought.choices)


def request_html(rq: RecevabiliteRequest, *, today=None) -> str:
    spec = selectors.form_of(rq)
    content = selectors.content(rq)
    profile = content.profile
    name = " ".join(str(profile.get(k) or "") for k in ("prenom", "nom")).strip()
    details = rq.diploma_details or {}
    periods = _periods(spec, rq)
    sought = selectors.sought(rq)
    return render_html(
        TEMPLATE,
        {
            "rq": rq,
            "spec": spec,
            "ref": rq.referential_version.referential,
            "profile": profile,
            "identity": _rows(spec.identity, profile),
            "career": _rows(spec.career, rq.career or {}),
            "candidate": name or rq.owner.email,
            "periods": periods,
            "period_groups": _period_groups(spec, periods),
            "last_class": [(c, c.code == rq.last_class) for c in spec.last_class.choices],
            "diplomas": [
                (c, c.code in (rq.diplomas or []), details.get(c.code, ""))
                for c in spec.diplomas.choices
            ],
            "sought": sought,
            "sought_row": _sought_row(sought),
            "unproved": [p for p in content.periods if p.related and not p.proofs],
            "draft": not rq.is_finalised,
            "missing": rules.missing(spec, content),
            "printed_on": today or timezone.localdate(),
        },
    )


def request_export(rq: RecevabiliteRequest, *, namespace: str, back: str) -> PdfExport:
    """The request's PDF as one reader downloads it: from their ``namespace``'s ``pdf`` and
    ``pdf_progress`` URLs, back to ``back``. One cache slot whoever reads it."""
    spec = selectors.form_of(rq)
    if spec is None:
        raise Http404
    name = "demande-recevabilite" if spec.is_own_form else "preparation"
    return printed(
        slot=f"recevabilite:{rq.public_id}",
        html=request_html(rq),
        filename=f"{name}-{rq.cqp.slug}.pdf",
        download_url=reverse(f"{namespace}:pdf", args=[rq.pk]),
        progress_url=reverse(f"{namespace}:pdf_progress", args=[rq.pk]),
        back=back,
    )
