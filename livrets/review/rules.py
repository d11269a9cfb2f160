"""The review's rules as pure functions over plain data: no ORM, no request.

Invitation states, what text a comment is anchored to, whether it changed since, which livret
needs the reviewer's attention first, and when a batch of emails may go out.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from livrets.livret2.completeness import LivretContent
from livrets.livret2.structure import SITUATION_FIELDS
from portal.dates import add_months_or_none

INVITATION_DAYS = 14
EMAIL_INTERVAL = timedelta(hours=1)

PENDING, ACTIVE, EXPIRED, REVOKED = "pending", "active", "expired", "revoked"
INVITATION_LABELS = {
    PENDING: "Invitation envoyée",
    ACTIVE: "Accès actif",
    EXPIRED: "Invitation expirée",
    REVOKED: "Accès retiré",
}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), stored_hash)


def masked_email(email: str) -> str:
    """An address shown to whoever holds the link: enough to recognise, not to harvest
    ("nouvelle-coach@example.fr" -> "n…@example.fr")."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}…@{domain}" if domain else "…"


def invitation_state(
    *, accepted_at: datetime | None, revoked_at: datetime | None, expires_at: datetime, now
) -> str:
    if revoked_at is not None:
        return REVOKED
    if accepted_at is not None:
        return ACTIVE
    return EXPIRED if now >= expires_at else PENDING


def can_accept(state: str) -> bool:
    return state == PENDING


def anchored_text(
    content: LivretContent, *, section: str, situation_id: int | None, key: str
) -> str:
    """The text a comment points at: one field, a whole situation, a whole section, or none."""
    if situation_id is not None:
        situation = next((s for s in content.situations if s.id == situation_id), None)
        fields = situation.fields if situation else {}
        if key:
            return fields.get(key, "")
        return "\n\n".join(fields[f.key] for f in SITUATION_FIELDS if fields.get(f.key))
    if not section:
        return ""
    if key:
        return content.answers.get((section, key), "")
    return "\n\n".join(
        text for (code, _), text in sorted(content.answers.items()) if code == section and text
    )


def text_changed(snapshot: str, current: str) -> bool:
    """Whitespace at the ends does not count as a change."""
    return snapshot.strip() != current.strip()


def livret_due_on(*, jury_on: date | None, months_before_jury: int | None) -> date | None:
    """None too for a stored date the arithmetic cannot carry (never an error)."""
    if jury_on and months_before_jury:
        return add_months_or_none(jury_on, -months_before_jury)
    return None


@dataclass(frozen=True)
class Unread:
    """What a reviewer has not read of a livret since ``seen``."""

    finalised: bool
    changed: bool


def unread_since(seen: datetime, *, updated_at: datetime, finalised_at: datetime | None) -> Unread:
    """The "unread since" rule: finalised (``finalised_at``: None unless the livret is
    finalised) or changed after the reviewer last read it or was told."""
    return Unread(finalised=bool(finalised_at and finalised_at > seen), changed=updated_at > seen)


@dataclass(frozen=True)
class Attention:
    """What the dashboard sorts on, for one followed livret."""

    finalised_unread: bool
    changed_unread: bool
    open_comments: int
    due_on: date | None
    updated_at: datetime

    @property
    def needs_review(self) -> bool:
        return self.finalised_unread or self.changed_unread


def attention_key(a: Attention) -> tuple:
    """Finalised then changed since the last review first, then the nearest due date, then
    the most open comments, then the latest change."""
    return (
        not a.finalised_unread,
        not a.changed_unread,
        a.due_on or date.max,
        -a.open_comments,
        -a.updated_at.timestamp(),
    )


def may_send(*, last_sent_at: datetime | None, now: datetime) -> bool:
    """At most one email per recipient and livret per hour."""
    return last_sent_at is None or now - last_sent_at >= EMAIL_INTERVAL
