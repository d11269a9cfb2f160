"""What the desk's writes share: the refusal they raise (field -> French message) and the
check of a PDF they keep (the certifier's letter, the filled national form), done as the
candidates' proofs are (``portal.uploads.checked_upload``)."""

from __future__ import annotations

from portal.uploads import checked_upload, clean_name, file_to_keep, size_refusal


class DeskError(Exception):
    """A write the desk refuses: field (or "" for the whole form) -> French message."""

    def __init__(self, errors: dict[str, str] | str):
        errors = {"": errors} if isinstance(errors, str) else errors
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def checked_pdf(upload, *, field: str, what: str) -> tuple[object, str, str]:
    """The file to keep (its disarmed copy), its clean name and what the copy lost; a
    ``DeskError`` on ``field`` for anything but a clean PDF (``what``: « la lettre du
    certificateur est acceptée »)."""
    if refusal := size_refusal(upload):
        raise DeskError({field: refusal})
    kind, checked = checked_upload(upload)
    if kind != "pdf":
        raise DeskError(
            {
                field: f"« {upload.name[:80]} » n'est pas un fichier PDF : {what} en PDF "
                "uniquement (le type est vérifié d'après le contenu du fichier, pas d'après "
                "son nom)."
            }
        )
    if checked.refusal:
        raise DeskError({field: checked.refusal})
    return file_to_keep(upload, checked), clean_name(upload.name, kind), checked.notice
