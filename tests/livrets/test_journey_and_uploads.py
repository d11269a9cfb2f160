"""Pure rules: journey dates and file type detection."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from home.referentials.builder import build
from home.referentials.domain import Delays
from portal.dates import add_months
from portal.uploads import clean_name, detect_kind
from tests.support.journey import journey


def _delays(slug: str) -> Delays:
    """The delays of a CQP as its data file states them."""
    path = Path(settings.REFERENTIAL_DATA_DIR) / f"{slug}.json"
    return build(json.loads(path.read_text(encoding="utf-8"))).delays


COS_DELAYS = _delays("conseiller-offres-services")
AIS_DELAYS = _delays("assistant-industries-sante")
AF_DELAYS = _delays("assistant-formation")


def _days(got):
    return [(d.code, d.day) for d in got]


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2025, 12, 31), 2) == date(2026, 2, 28)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 15), 18) == date(2026, 7, 15)


def test_cos_answer_counts_from_the_receipt_not_the_sending():
    """004: "A la réception de votre dossier [...] soit 2 mois maximum"."""
    sent_only = journey(
        delays=COS_DELAYS,
        requested_on=date(2025, 1, 10),
        notified_on=None,
        jury_on=None,
        today=date(2025, 1, 11),
    )
    assert [d.code for d in sent_only] == []
    got = journey(
        delays=COS_DELAYS,
        requested_on=date(2025, 1, 10),
        received_on=date(2025, 1, 15),
        notified_on=None,
        jury_on=date(2025, 6, 20),
        today=date(2025, 3, 1),
    )
    assert got[0].code == "silence" and got[0].day == date(2025, 3, 15)
    assert got[0].warning == "Dans 14 jours"
    assert any("accusé réception" in t for t in got[0].because)
    assert any("vaut décision d'acceptation" in t for t in got[0].because)
    assert got[0].portal_note == ""


@pytest.mark.parametrize(
    ("received", "silence_day", "validity_day"),
    [
        # Month ends: the 31st of December + 2 months is the last day of February.
        (date(2024, 12, 31), date(2025, 2, 28), date(2026, 8, 28)),
        # Leap year: 29 February exists in 2024.
        (date(2023, 12, 29), date(2024, 2, 29), date(2025, 8, 29)),
        (date(2023, 12, 31), date(2024, 2, 29), date(2025, 8, 29)),
        (date(2024, 8, 31), date(2024, 10, 31), date(2026, 4, 30)),
    ],
)
def test_cos_validity_counts_from_the_day_silence_became_acceptance(
    received, silence_day, validity_day
):
    got = journey(
        delays=COS_DELAYS,
        requested_on=received,
        received_on=received,
        notified_on=None,
        jury_on=None,
        today=received,
    )
    assert _days(got) == [("silence", silence_day), ("validity", validity_day)]
    assert any("valable 18 mois" in t for t in got[1].because)


@pytest.mark.parametrize(
    ("notified", "validity_day"),
    [
        (date(2024, 2, 29), date(2025, 8, 29)),
        (date(2024, 8, 31), date(2026, 2, 28)),
        (date(2026, 8, 31), date(2028, 2, 29)),
    ],
)
def test_cos_validity_counts_from_the_favourable_notification(notified, validity_day):
    got = journey(
        delays=COS_DELAYS,
        requested_on=date(2024, 1, 2),
        received_on=date(2024, 1, 3),
        notified_on=notified,
        jury_on=None,
        today=notified,
    )
    assert _days(got) == [("validity", validity_day)]


@pytest.mark.parametrize(
    ("jury", "due"),
    [
        (date(2025, 3, 31), date(2025, 2, 28)),
        (date(2024, 3, 31), date(2024, 2, 29)),
        (date(2025, 1, 15), date(2024, 12, 15)),
    ],
)
def test_cos_livret_due_one_month_before_the_jury(jury, due):
    got = journey(delays=COS_DELAYS, requested_on=None, notified_on=None, jury_on=jury, today=jury)
    assert _days(got) == [("livret_due", due)]
    assert "au plus tard 1 mois avant la session" in got[0].because[0]


@pytest.mark.parametrize(
    ("received", "silence_day"),
    [(date(2023, 12, 30), date(2024, 2, 29)), (date(2025, 12, 31), date(2026, 2, 28))],
)
def test_industries_sante_answer_counts_from_the_receipt_as_the_portal_proposes(
    received, silence_day
):
    """000 says "dans un délai maximum de deux mois" without saying from when."""
    got = journey(
        delays=AIS_DELAYS,
        requested_on=received,
        received_on=received,
        notified_on=None,
        jury_on=date(2026, 6, 1),
        today=received,
    )
    # 000 states no validity and no livret due date: none is computed.
    assert _days(got) == [("silence", silence_day)]
    assert "délai maximum de deux mois" in got[0].because[0]
    assert got[0].portal_note.startswith("La source ne dit pas")


def test_no_date_is_invented_where_the_cqp_states_no_delay():
    """002 gives no answer delay and does not say what silence means."""
    assert AF_DELAYS.answer_months is None and AF_DELAYS.silence_means_acceptance is None
    assert (
        journey(
            delays=AF_DELAYS,
            requested_on=date(2025, 1, 1),
            received_on=date(2025, 1, 2),
            notified_on=date(2025, 2, 1),
            jury_on=date(2025, 6, 1),
            today=date(2025, 1, 1),
        )
        == []
    )


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
DOCX = zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpeg"),
        (ODT, "odt"),
        (DOCX, "docx"),
        (b"MZ\x90\x00 an executable", None),
        (b"<html><script>alert(1)</script>", None),
        (zip_bytes({"a.txt": b"x"}), None),
        (b"PK\x03\x04 broken zip", None),
    ],
)
def test_type_comes_from_the_content(data, kind):
    assert detect_kind(io.BytesIO(data)) == kind


def test_names_are_cleaned():
    assert clean_name("../../etc/passwd.pdf", "pdf") == "passwd.pdf"
    assert clean_name("C:\\Users\\moi\\Mon CV été.exe", "pdf") == "Mon_CV_ete.pdf"
    assert clean_name("<script>.png", "png") == "script.png"
    assert clean_name("....", "jpeg") == "document.jpg"
