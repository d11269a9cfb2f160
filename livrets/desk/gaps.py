"""004: the commission's analysis of the gaps between the activities the candidate declared
and the referential's activities, with its recommendations of further training. Source 004:
« Quelle que soit la décision de la commission de recevabilité, la notification vous est
adressée par courrier. Elle comprend le résultat de l'analyse des écarts entre vos activités
déclarées et le référentiel d'activités du CQP visé, ainsi que des recommandations relatives
aux formations complémentaires […] ». Recorded on the portal, it shows on the candidate's
request, in « Mes démarches » and on the livret 2 sections of each activity; the gaps the
candidate typed from the letter are then read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from livrets.candidatures.models import Candidature
from livrets.desk import rules, selectors
from livrets.desk.errors import DeskError
from livrets.desk.models import DeskAction, DeskEvent, GapFinding
from livrets.desk.services import _tell as tell  # the desk's one way to tell the candidate
from livrets.recevabilite import selectors as requests
from livrets.recevabilite.models import RecevabiliteRequest


@dataclass(frozen=True)
class GapUnit:
    """One activity of the referential with the commission's words on it (blank if none)."""

    code: str
    name: str
    gap: str = ""
    recommendations: str = ""

    @property
    def said(self) -> bool:
        return bool(self.gap or self.recommendations)


def asked(request: RecevabiliteRequest) -> bool:
    """Whether the CQP's source has its notification carry the analysis (004)."""
    return requests.form_of(request).gaps is not None


def units_of(request: RecevabiliteRequest, findings: list[GapFinding]) -> list[GapUnit]:
    """The referential's activities in its order, each with what the commission recorded."""
    ref = request.referential_version.referential
    by_unit = {f.unit: f for f in findings}
    out = []
    for u in ref.units:
        f = by_unit.get(u.code)
        out.append(
            GapUnit(
                code=u.code,
                name=f"{ref.unit_name(u)} – {u.title}",
                gap=f.gap if f else "",
                recommendations=f.recommendations if f else "",
            )
        )
    return out


def findings_of(candidature_id: int) -> list[GapFinding]:
    return list(
        GapFinding.objects.filter(candidature_id=candidature_id).select_related("recorded_by")
    )


def _snapshot(c: Candidature) -> dict:
    return {
        f.unit: {"ecart": f.gap, "recommandations": f.recommendations}
        for f in GapFinding.objects.filter(candidature=c).order_by("pk")
    }


def record(
    *,
    request: RecevabiliteRequest,
    by,
    entries: dict[str, tuple[str, str]],
    today: date,
    link: str = "",
) -> list[GapFinding]:
    """The commission records (or corrects) its analysis, per activity of the referential
    (``entries``: unit code -> (gap, recommendations)), once it has decided on the request.
    A ``DeskEvent`` keeps the analysis before and after; the candidate is told by email
    (``link``: their request's page)."""
    if not asked(request):
        raise DeskError("La source de ce CQP ne prévoit pas d'analyse des écarts.")
    codes = {u.code for u in request.referential_version.referential.units}
    entries = {code: (g.strip(), r.strip()) for code, (g, r) in entries.items() if code in codes}
    with transaction.atomic():
        c = Candidature.objects.select_for_update().get(pk=request.candidature_id)
        if c.desk_status not in rules.GAPS_AFTER:
            raise DeskError(
                "L'analyse des écarts accompagne la décision de la commission : enregistrez "
                "d'abord la décision (recevable ou non recevable)."
            )
        errors = rules.gap_errors(entries)
        if errors:
            raise DeskError(errors)
        before = _snapshot(c)
        GapFinding.objects.filter(candidature=c).delete()
        GapFinding.objects.bulk_create(
            GapFinding(
                candidature=c,
                unit=code,
                gap=gap,
                recommendations=reco,
                recorded_by=by,
                recorded_on=today,
            )
            for code, (gap, reco) in entries.items()
            if gap or reco
        )
        DeskEvent.objects.create(
            candidature=c, actor=by, action=DeskAction.GAPS, before=before, after=_snapshot(c)
        )
        tell(
            request,
            c,
            subject="L'analyse des écarts de la commission de recevabilité",
            template="desk/email/gaps.txt",
            link=link,
            extra={"by": selectors.secretariat_name(c.cqp)},
        )
    return findings_of(c.pk)
