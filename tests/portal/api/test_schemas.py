"""The request schemas say what the pure parsers accept."""

from __future__ import annotations

import re
from datetime import timedelta

from portal.api.schemas import DATE_PATTERN
from portal.dates import EARLIEST, LATEST


def test_the_date_pattern_is_the_portals_range():
    pattern = re.compile(DATE_PATTERN)
    for day in (EARLIEST, LATEST, EARLIEST + timedelta(days=400)):
        assert pattern.search(day.isoformat()), day
    for day in (EARLIEST - timedelta(days=1), LATEST + timedelta(days=1)):
        assert not pattern.search(day.isoformat()), day
