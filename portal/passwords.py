"""The CNIL's rule for an account protected by a password only (délibération n° 2022-100).

About 80 bits of entropy, reached by one of the CNIL's examples: at least 12 characters with
capitals, small letters, digits and special characters; at least 14 characters with
capitals, small letters and digits; or a passphrase of at least 7 words. Django's own
validators (length, numeric, common, similarity) run beside this one.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

MIN_MIXED = 12
MIN_ALNUM = 14
MIN_WORDS = 7
_WORD = re.compile(r"[^\W\d_]{2,}")

HELP = (
    "Au choix : au moins 12 caractères avec des majuscules, des minuscules, des "
    "chiffres et des caractères spéciaux ; au moins 14 caractères avec des majuscules, des "
    "minuscules et des chiffres ; ou une phrase de passe d'au moins 7 mots différents. Évitez "
    "les mots de passe courants et ceux qui ressemblent à votre nom ou à votre adresse "
    "électronique (recommandation de la CNIL)."
)


def classes(password: str) -> set[str]:
    """Which kinds of characters the password mixes."""
    found = set()
    for char in password:
        if char.isupper():
            found.add("upper")
        elif char.islower():
            found.add("lower")
        elif char.isdigit():
            found.add("digit")
        else:
            found.add("special")
    return found


def strong_enough(password: str) -> bool:
    kinds = classes(password)
    if len(password) >= MIN_MIXED and kinds >= {"upper", "lower", "digit", "special"}:
        return True
    if len(password) >= MIN_ALNUM and kinds >= {"upper", "lower", "digit"}:
        return True
    words = {w.lower() for w in _WORD.findall(password)}
    return len(words) >= MIN_WORDS


class CnilPasswordValidator:
    def validate(self, password: str, user=None) -> None:
        if not strong_enough(password):
            raise ValidationError(
                "Ce mot de passe n'est pas assez robuste. " + HELP, code="password_too_weak"
            )

    def get_help_text(self) -> str:
        return HELP
