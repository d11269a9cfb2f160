"""Form widgets shared by the portal's forms."""

from __future__ import annotations

import datetime

from django import forms


class DateInput(forms.DateInput):
    """``<input type="date">`` with an ISO value, the browser's date picker.

    A value refused by the form (``31/02/2026`` typed without the picker) comes back empty:
    a date input may only hold an ISO date, and the error summary says what was wrong.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)
