"""Who may download a livret's PDF.

The single place to extend when review arrives: an invited accompagnateur will be allowed
here too. Views answer 404 (not 403) to anyone else, as for every livret URL.
"""

from __future__ import annotations

from ..models import Livret


def can_download_pdf(user, livret: Livret) -> bool:
    if not user.is_authenticated:
        return False
    if livret.owner_id == user.pk:
        return True
    # An accompagnateur the candidate invited (and has not revoked) reads the PDF too.
    from ..selectors import readable_livrets

    return readable_livrets(user).filter(pk=livret.pk).exists()
