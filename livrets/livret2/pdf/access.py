"""Who may download a livret's PDF: its candidate and the reviewers they invited.

Views answer 404 (not 403) to anyone else, as for every livret URL.
"""

from __future__ import annotations

from livrets.livret2.models import Livret
from livrets.review.selectors import readable_livrets


def can_download_pdf(user, livret: Livret) -> bool:
    if not user.is_authenticated:
        return False
    if livret.owner_id == user.pk:
        return True
    return readable_livrets(user).filter(pk=livret.pk).exists()
