"""The request schemas say what the pure parsers accept."""

from __future__ import annotations

import re
from datetime import timedelta

from portal.api.schemas import DATE_PATTERN, NO_NUL, NOT_BLANK
from portal.dates import EARLIEST, LATEST
from portal.inputs import NUL


def test_the_date_pattern_is_the_portals_range():
    pattern = re.compile(DATE_PATTERN)
    for day in (EARLIEST, LATEST, EARLIEST + timedelta(days=400)):
        assert pattern.search(day.isoformat()), day
    for day in (EARLIEST - timedelta(days=1), LATEST + timedelta(days=1)):
        assert not pattern.search(day.isoformat()), day


def test_a_title_is_not_blank_for_the_schema_exactly_when_it_is_not_for_the_parser():
    pattern = re.compile(NOT_BLANK)
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert spaces | {NUL} == {chr(c) for c in range(0x110000) if not pattern.search(chr(c))}
    assert pattern.search(" a ") and not pattern.search("a\x00")


def test_no_text_of_the_schema_holds_a_nul_character():
    assert re.search(NO_NUL, "Pôle emploi\n") and not re.search(NO_NUL, "Pôle\x00emploi")
