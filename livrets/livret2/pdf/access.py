"""Who may download a livret's PDF: its candidate and the reviewers they invited.

Views answer 404 (not 403) to anyone else, as for every livret URL.
"""

from __future__ import annotations

from livrets.candidatures import access
from livrets.livret2.models import Livret


def can_download_pdf(user, livret: Livret) -> bool:
    if not user.is_authenticated:
        return False
    return access.role_of(user, livret.candidature) is not None
