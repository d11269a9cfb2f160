"""Builds the typed, immutable view of a referential from its validated data file, and keeps
the one cache of these views: a version never changes, so its view is built once per process.

Data of versions loaded before a change of the file format are built too: keys the format no
longer has are ignored (``months`` of the request's answer and validity, now only in
``delays``; ``mastery_rule``, now only ``mastery``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
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
    Question,
    Recevabilite,
    Referential,
    SectionKind,
    SourceSentence,
    Step,
    Unit,
)
from .mastery import ALL_UNITS, Interview, Mastery, ScaleItem
from .provenance import Text, text
from .request import (
    Answer,
    Field,
    RequestChoices,
    RequestForm,
    SecretariatBox,
    Sworn,
    Validity,
)


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
    rec, delays, cert = d["recevabilite"], d["delays"], d["certifier"]
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
        request=_request(d["recevabilite_request"]) if "recevabilite_request" in d else None,
        mastery=_mastery(d.get("mastery")),
    )


# The recevabilité request ----------------------------------------------------------------


def _s(d: dict[str, Any] | None) -> Text | None:
    """A text of the request block (``{"text", "from_source"}``), or None when absent."""
    return text(d) if d else None


def _ss(items) -> tuple[Text, ...]:
    return tuple(text(d) for d in items or ())


def _field(d: dict[str, Any]) -> Field:
    return Field(
        code=d["code"],
        label=text(d["label"], from_source=d["from_source"]),
        from_source=d["from_source"],
        choices=tuple(_field(c) for c in d.get("choices", ())),
        detail_label=d.get("detail_label", ""),
        required_if=d.get("required_if", ""),
    )


def _choices(d: dict[str, Any]) -> RequestChoices:
    return RequestChoices(_s(d["label"]), tuple(_field(c) for c in d["choices"]))


_SWORN_LABELS = (
    "intro",
    "name_label",
    "born_label",
    "born_place_label",
    "address_label",
    "place_label",
    "date_label",
    "signature_label",
    "note",
)


def _request(d: dict[str, Any]) -> RequestForm:
    career = d.get("career")
    sworn = d.get("sworn")
    box = d.get("secretariat_box")
    limit = d.get("requests_limit")
    validity = d.get("validity")
    answer = d["answer"]
    return RequestForm(
        source=d["source"],
        kind=d["form"]["kind"],
        title=_s(d["form"]["title"]),
        obtain=_ss(d["obtain"]),
        send_to=_ss(d["send_to"]),
        notes=_ss(d.get("notes")),
        preparation_note=_s(d.get("preparation_note")),
        identity_heading=_s(d["identity"]["heading"]),
        identity=tuple(_field(f) for f in d["identity"]["fields"]),
        career_heading=_s(career["heading"]) if career else None,
        career=tuple(_field(f) for f in career["fields"]) if career else (),
        period_heading=_s(d["period"]["heading"]),
        period_intro=_s(d["period"]["intro"]),
        period_labels={k: _s(v) for k, v in d["period"]["fields"].items()},
        areas=tuple(_field(a) for a in d["areas"]["items"]),
        areas_note=_s(d["areas"].get("note")),
        education_heading=_s(d["education"]["heading"]),
        education_note=_s(d["education"].get("note")),
        last_class=_choices(d["education"]["last_class"]),
        diplomas=_choices(d["education"]["diplomas"]),
        proofs_general=_s(d["proofs"]["general"]),
        proofs_by_kind={k: _s(v) for k, v in d["proofs"]["by_kind"].items()},
        sworn=Sworn(
            heading=_s(sworn["heading"]),
            statement=_ss(sworn["statement"]),
            **{k: _s(sworn.get(k)) for k in _SWORN_LABELS},
        )
        if sworn
        else None,
        max_requests_per_year=limit["max_per_year"] if limit else None,
        requests_limit_text=_s(limit["text"]) if limit else None,
        secretariat_box=SecretariatBox(
            heading=_s(box["heading"]),
            lines=_ss(box["lines"]),
            choices=_ss(box.get("choices")),
            footnote=_ss(box.get("footnote")),
            signature=_s(box.get("signature")),
        )
        if box
        else None,
        answer=Answer(
            **{k: _s(answer.get(k)) for k in ("unknown", "receipt", "silence", "decision", "start")}
        ),
        validity=Validity(
            text=_s(validity["text"]),
            renewal=_s(validity.get("renewal")),
            prorogation=_s(validity.get("prorogation")),
        )
        if validity
        else None,
        gaps=_s(d.get("gaps")),
    )


# The certifier's mastery rules (the jury's grid) ------------------------------------------


def _quoted(raw: dict[str, Any] | None) -> Text | None:
    """A sentence of the certifier, with the source files it is quoted from."""
    if not raw:
        return None
    return Text(raw["text"], sources=tuple(raw.get("sources") or [raw["source"]]))


def _mastery(raw: dict[str, Any] | None) -> Mastery:
    if not raw:
        return Mastery(kind=ALL_UNITS, cqp_rule=None)
    partial = raw.get("partial_validation")
    interview = raw.get("interview")
    return Mastery(
        kind=raw["kind"],
        cqp_rule=_quoted(raw.get("cqp_rule")),
        unit_rule=_quoted(raw.get("unit_rule")),
        scale=tuple(ScaleItem(s["code"], s["label"]) for s in raw.get("scale", ())),
        scale_source=raw.get("scale_source", ""),
        columns=tuple(raw.get("columns", ())),
        max_non_implemented=raw.get("max_non_implemented_non_essential"),
        threshold_percent=raw.get("criteria_threshold_percent"),
        kept_years=partial["kept_years"] if partial else None,
        partial_validation=_quoted(partial),
        partial_routes=tuple(partial.get("routes", ())) if partial else (),
        interview=Interview(
            text=tuple(interview["text"]),
            source=interview["source"],
            intro=interview.get("intro", ""),
            criteria_heading=interview.get("criteria_heading", ""),
            people=interview.get("people", ""),
        )
        if interview
        else None,
    )


# The one cache -----------------------------------------------------------------------------

_CACHE: dict[Hashable, Referential] = {}


def cached(key: Hashable, load: Callable[[], dict[str, Any]]) -> Referential:
    """The typed view of an immutable version, built once per process and ``key``.

    ``key`` is the version's content hash (what the data is, whoever asks); ``load`` is
    called only on a miss, so callers may defer the (large) raw content.
    """
    ref = _CACHE.get(key)
    if ref is None:
        ref = _CACHE[key] = build(load())
    return ref
