"""How a person is named to others: first name and name, the email address only without."""

from __future__ import annotations


def display_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name().strip() or user.email
