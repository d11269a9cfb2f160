"""Every kind of PDF the portal makes, for each CQP, read by an outside checker (pdfua) and
by the project's own structure checks: headings that never skip a level, one table per
table with its rows, running heads and page numbers as artifacts, no text left unmarked."""

from __future__ import annotations

import re

import pytest

from tests.support.every_pdf import CQPS, KINDS, make
from tests.support.pdf_structure import (
    HEADINGS,
    PAGE_NUMBER,
    elements,
    heading_levels,
    heading_skips,
    marks_content,
    orphan_elements,
    pdfua_report,
    shown_text,
    tables,
    unresolved_headers,
)

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

# pdfua 0.1.3 cannot evaluate its empty-heading rule on a heading whose /K is an array (every
# heading WeasyPrint writes): ``as_integer`` asks a pikepdf Array for ``is_integer``, which
# pikepdf answers with a ValueError, not an AttributeError. The check below
# (``marks_content``) does what that rule would; this entry fails once pdfua runs the rule.
PDFUA_CANNOT_RUN = {"UA-14-001": "is_integer"}


@pytest.mark.parametrize("slug", CQPS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_pdf_passes_pdfua_and_the_structure_checks(referentials, kind, slug):
    pdf = make(kind, slug)

    report = pdfua_report(pdf)
    assert [(f.rule_id, f.severity.name, f.message) for f in report.findings] == []
    skipped = {o.rule_id: o.skipped_reason for o in report.skipped}
    assert set(skipped) == set(PDFUA_CANNOT_RUN), skipped
    assert all(PDFUA_CANNOT_RUN[rule] in reason for rule, reason in skipped.items())

    levels = heading_levels(pdf)
    assert heading_skips(levels) == [], levels
    assert all(marks_content(e) for e in elements(pdf) if e["/S"] in HEADINGS)

    shapes = tables(pdf)
    assert [s for s in shapes if s.rows == 0 or s.captions > 1 or s.header_groups > 1] == []
    assert unresolved_headers(pdf) == []
    assert orphan_elements(pdf) == 0

    shown = shown_text(pdf)
    assert [s for s in shown if s.artifact is None and not s.tagged] == []
    pages = sorted({s.page for s in shown})
    # « Page N sur M » in the running foot of every page (on two lines when the foot is
    # crowded), never in the tagged text.
    for page in pages:
        foot = " ".join(s.text for s in shown if s.page == page and s.artifact == "/Footer")
        assert re.search(rf"Page {page} sur {len(pages)}\b", foot), (page, foot)
        tagged = " ".join(s.text for s in shown if s.page == page and s.tagged)
        assert not PAGE_NUMBER.search(tagged), (page, tagged)
