"""The desk as the candidate's pages show it: the deposit offered where the CQP's certifier
receives requests on the portal (with the filled national form where the request is one),
the certifier's answer and its letters, and 004's analysis of the gaps by the commission,
on the request and on the livret 2 section of each activity."""

from __future__ import annotations

from django import template
from django.db.models import Max
from django.utils import timezone

from livrets.desk import gaps, jury_selectors, national_forms, selectors
from livrets.desk.models import SECRETARIAT_NAMES, GapFinding, StaffRole
from livrets.recevabilite import selectors as requests
from livrets.recevabilite.models import NationalForm

register = template.Library()


@register.inclusion_tag("desk/_deposit.html", takes_context=True)
def deposit_panel(context, rq):
    c = rq.candidature
    secretariat = selectors.has_secretariat(c.cqp_id)
    national = secretariat and national_forms.is_national(rq)
    return {
        "request": context.get("request"),
        "rq": rq,
        "c": c,
        "letters": selectors.letters(c) if c.deposited_on else [],
        "offered": rq.is_finalised and not c.at_desk and secretariat,
        "national": national,
        "form_title": requests.form_of(rq).title if national else None,
        "national_form": NationalForm.objects.filter(request=rq).first() if national else None,
        "replaceable": national and national_forms.replaceable(c),
    }


@register.inclusion_tag("desk/_livret_deposit.html", takes_context=True)
def livret_deposit_panel(context, livret):
    """The livret 2's deposit to the certifier, on the livret's page: where it stands, and
    the button where it may be deposited today (the service says why not otherwise)."""
    user = context["request"].user
    c = livret.candidature
    news = jury_selectors.candidate_news(c)
    receives = selectors.has_secretariat(c.cqp_id)
    return {
        "livret": livret,
        "c": c,
        "news": news,
        "receives": receives,
        "may_deposit": jury_selectors.may_deposit_livret(user, livret, today=timezone.localdate())
        if receives
        else False,
        "request": context["request"],
    }


@register.simple_tag
def candidates_desk_news(overviews):
    """``{% candidates_desk_news overviews as desk_news %}``, once for « Mes démarches »: each
    candidature's livret 2 deposited and convocation, in two queries."""
    return jury_selectors.candidates_news([o.candidature for o in overviews])


@register.inclusion_tag("desk/_candidate_news.html")
def candidate_desk_news(c, desk_news):
    """« Mes démarches »: the livret 2 deposited, the convocation to a jury session."""
    return {"c": c, "news": desk_news[c.pk]}


@register.simple_tag
def commission_gaps(rq):
    """``{% commission_gaps rq as commission %}``: the commission's analysis recorded on the
    portal (``commission.units``, ``commission.recorded_on``), or None."""
    findings = gaps.findings_of(rq.candidature_id)
    if not findings:
        return None
    first = findings[0]
    return {
        "units": [u for u in gaps.units_of(rq, findings) if u.said],
        "recorded_on": max(f.recorded_on for f in findings),
        "recorded_by": first.recorded_by,
        "by": selectors.secretariat_name(rq.candidature.cqp),
    }


@register.inclusion_tag("desk/_livret_gap.html")
def commission_gap(livret, section):
    """The commission's analysis of the section's activity, on the livret 2 section."""
    if not section.unit or not livret.candidature_id:
        return {"finding": None}
    finding = GapFinding.objects.filter(
        candidature_id=livret.candidature_id, unit=section.unit
    ).first()
    return {"finding": finding, "by": selectors.secretariat_name(livret.cqp)}


@register.simple_tag
def commission_gaps_of(overviews):
    """``{% commission_gaps_of overviews as gap_dates %}``, once for « Mes démarches »: per
    candidature with the commission's analysis recorded, its date, its request and who
    recorded it, in one query (``commission_gaps_line`` reads it for each candidature)."""
    ids = [o.candidature.pk for o in overviews]
    rows = (
        GapFinding.objects.filter(candidature_id__in=ids)
        .values("candidature_id", "candidature__request", "candidature__cqp__slug")
        .annotate(on=Max("recorded_on"))
    )
    return {
        r["candidature_id"]: {
            "recorded_on": r["on"],
            "rpk": r["candidature__request"],
            "by": SECRETARIAT_NAMES.get(r["candidature__cqp__slug"], StaffRole.SECRETARIAT.label),
        }
        for r in rows
    }


@register.inclusion_tag("desk/_gaps_line.html")
def commission_gaps_line(candidature, gap_dates):
    """In « Mes démarches »: the commission's analysis recorded, with a link to read it."""
    return gap_dates.get(candidature.pk) or {}
