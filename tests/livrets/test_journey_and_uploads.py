"""Pure rules: journey dates and file type detection."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from home.referentials.domain import Delays
from livrets.journey import add_months, deadlines
from livrets.uploads import clean_name, detect_kind

COS_DELAYS = Delays(
    answer_months=2,
    silence_means_acceptance=True,
    validity_months=18,
    livret_due_months_before_jury=1,
)
AF_DELAYS = Delays(
    answer_months=None,
    silence_means_acceptance=False,
    validity_months=None,
    livret_due_months_before_jury=None,
)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2025, 12, 31), 2) == date(2026, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 15), 18) == date(2026, 7, 15)


def test_journey_dates_of_conseiller_offres_services():
    got = deadlines(
        delays=COS_DELAYS,
        requested_on=date(2025, 1, 10),
        notified_on=None,
        jury_on=date(2025, 6, 20),
        today=date(2025, 3, 1),
    )
    assert [(d.code, d.day, d.state) for d in got] == [
        ("silence", date(2025, 3, 10), "soon"),
        ("livret_due", date(2025, 5, 20), "later"),
    ]
    assert got[0].warning == "Dans 9 jours"
    got = deadlines(
        delays=COS_DELAYS,
        requested_on=date(2025, 1, 10),
        notified_on=date(2025, 2, 1),
        jury_on=None,
        today=date(2026, 9, 1),
    )
    assert [(d.code, d.day, d.state) for d in got] == [("validity", date(2026, 8, 1), "past")]
    assert got[0].warning == "Date dépassée"


def test_no_date_is_invented_where_the_cqp_states_no_delay():
    assert (
        deadlines(
            delays=AF_DELAYS,
            requested_on=date(2025, 1, 1),
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
