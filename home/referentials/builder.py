"""Builds the typed, immutable view of a referential from its validated data file."""

from __future__ import annotations

from typing import Any

from .domain import (
    ActivityItem,
    Certifier,
    Choice,
    Choices,
    Delays,
    Disagreement,
    Element,
    InterviewTheme,
    LivretSection,
    MasteryRule,
    Question,
    Recevabilite,
    Referential,
    SectionKind,
    SourceSentence,
    Step,
    Unit,
)
from .provenance import text


def _t(items, from_source: bool = True) -> tuple:
    return tuple(text(i, from_source=from_source) for i in items or ())


def _x(value: Any, from_source: bool = True) -> Any:
    """A text of the data (or None, "the source does not say")."""
    return None if value is None else text(value, from_source=from_source)


def _disagreements(items) -> tuple[Disagreement, ...]:
    return tuple(
        Disagreement(
            sentences=tuple(
                SourceSentence(
                    source=s["source"], text=_x(s["text"]), applied=s.get("applied", False)
                )
                for s in d["sentences"]
            ),
            why=_x(d["why"]),
        )
        for d in items or ()
    )


def _unit(u: dict[str, Any]) -> Unit:
    src = u.get("from_source", True)
    return Unit(
        code=u["code"],
        number=u["number"],
        title=_x(u["title"], src),
        label=u.get("label", ""),
        description=_x(u.get("description", ""), src),
        evaluation_basis=_t(u.get("evaluation_basis"), src),
        elements=tuple(
            Element(
                code=e["code"],
                number=e["number"],
                title=_x(e["title"], src and e.get("from_source", True)),
                criteria=_t(e["criteria"], src and e.get("from_source", True)),
                essential=e["essential"],
                from_source=src and e.get("from_source", True),
            )
            for e in u["elements"]
        ),
        activity_items=tuple(
            ActivityItem(
                code=i["code"],
                label=_x(i["label"], src and i.get("from_source", True)),
                from_source=src and i.get("from_source", True),
            )
            for i in u["activity_items"]
        ),
        questions=tuple(
            Question(
                code=q["code"],
                text=_x(q["text"], src and q.get("from_source", True)),
                from_source=src and q.get("from_source", True),
            )
            for q in u["questions"]
        ),
        interviewer_questions=tuple(
            InterviewTheme(theme=_x(t["theme"], src), questions=_t(t["questions"], src))
            for t in u.get("interviewer_questions", ())
        ),
        gap_advice=_x(u.get("gap_advice", ""), src),
        from_source=src,
    )


def _section(s: dict[str, Any], livret_from_source: bool) -> LivretSection:
    choices = s.get("choices")
    src = s.get("from_source", livret_from_source)
    return LivretSection(
        code=s["code"],
        kind=SectionKind(s["kind"]),
        title=_x(s["title"], src),
        unit=s.get("unit", ""),
        guidance=_t(s.get("guidance"), src),
        prompts=_t(s.get("prompts"), src),
        situations_required=s.get("situations_required", 0),
        choices=Choices(
            min=choices["min"],
            label=_x(choices["label"], src),
            items=tuple(
                Choice(code=c["code"], label=_x(c["label"], src)) for c in choices["items"]
            ),
        )
        if choices
        else None,
        from_source=src,
        fields=tuple(s.get("fields", ())),
        documents_column=_x(s.get("documents_column", ""), src),
    )


def _recevabilite(rec: dict[str, Any]) -> Recevabilite:
    return Recevabilite(
        min_months=rec["min_months"],
        accepted_kinds=_t(rec["accepted_kinds"]),
        rule_text=_x(rec["rule_text"]),
        conditions=_t(rec.get("conditions")),
        discrepancy_note=_x(rec.get("discrepancy_note", "")),
        form=_x(rec.get("form")),
        send_to=_x(rec.get("send_to")),
        disagreements=_disagreements(rec.get("disagreements")),
    )


def _delays(delays: dict[str, Any]) -> Delays:
    return Delays(
        answer_months=delays["answer_months"],
        silence_means_acceptance=delays["silence_means_acceptance"],
        validity_months=delays["validity_months"],
        livret_due_months_before_jury=delays["livret_due_months_before_jury"],
        validity_text=_x(delays.get("validity_text", "")),
        answer_from=delays.get("answer_from"),
        answer_text=_x(delays.get("answer_text", "")),
        silence_text=_x(delays.get("silence_text", "")),
        livret_due_text=_x(delays.get("livret_due_text", "")),
    )


def build(d: dict[str, Any]) -> Referential:
    units = tuple(_unit(u) for u in d["units"])
    sections = [_section(s, d["livret"]["from_source"]) for s in d["livret"]["sections"]]
    rule, rec, delays, cert = d["mastery_rule"], d["recevabilite"], d["delays"], d["certifier"]
    return Referential(
        slug=d["slug"],
        title=_x(d["title"]),
        short_title=_x(d["short_title"]),
        sources=_t(d["sources"]),
        certifier=Certifier(
            name=_x(cert["name"]),
            branch=_x(cert["branch"]),
            commission=_x(cert["commission"]),
            secretariat=_x(cert["secretariat"]),
            contact=_x(cert["contact"]),
            website=cert.get("website", ""),
        ),
        rncp=d["rncp"],
        version=d["version"],
        version_date=d["version_date"],
        presentation=_t(d["presentation"]),
        main_situations=_t(d["main_situations"]),
        unit_singular=d["unit_word"]["singular"],
        unit_plural=d["unit_word"]["plural"],
        units=units,
        mastery_rule=MasteryRule(
            kind=rule["kind"],
            text=_x(rule["text"]),
            unit_text=_x(rule.get("unit_text", "")),
            criteria_threshold_percent=rule.get("criteria_threshold_percent"),
            max_non_implemented_non_essential=rule.get("max_non_implemented_non_essential"),
            partial_validation_kept_years=rule.get("partial_validation_kept_years"),
        ),
        recevabilite=_recevabilite(rec),
        delays=_delays(delays),
        steps=tuple(Step(title=_x(s["title"]), text=_x(s["text"])) for s in d["steps"]),
        documents=_t(d["documents"]),
        livret_from_source=d["livret"]["from_source"],
        livret_sections=tuple(sections),
        livret_note=_x(d["livret"].get("note", ""), d["livret"]["from_source"]),
        livret_intro=_t(d["livret"].get("intro"), d["livret"]["from_source"]),
        routes=_t(d.get("routes")),
        main_situations_title=_x(d.get("main_situations_title", "")),
        evaluation=_t(d.get("evaluation")),
        jury=_x(d.get("jury", "")),
        # Sections read by their own packages (``mastery``: livrets.jury.referential).
        extra={key: d[key] for key in ("mastery",) if key in d},
    )
