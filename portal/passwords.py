"""Passwords: the CNIL's minimums, then a maintained strength estimator (zxcvbn).

The CNIL's rule for an account protected by a password only (délibération n° 2022-100) aims
at about 80 bits of entropy. Its examples: at least 12 characters with capitals, small
letters, digits and special characters; at least 14 characters with capitals, small letters
and digits; or a passphrase. Whether a passphrase reaches the 80 bits is not counted by hand
(two-letter words are no words) but estimated by zxcvbn: it must take at least 2^80 guesses.

Meeting a minimum is not enough: a predictable password (« Password1234! », « Azerty123456! »,
the person's own name and a year) is refused by ``StrengthValidator``, zxcvbn with the
person's names and email as what it must not resemble, which says in French why and how to do
better. The same estimate drives the strength shown as the person types (``strength``).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django_zxcvbn_password_validator import ZxcvbnPasswordValidator
from django_zxcvbn_password_validator.translate_zxcvbn_text import translate_zxcvbn_text
from zxcvbn import zxcvbn

MIN_MIXED = 12
MIN_ALNUM = 14
# The CNIL's target, about 80 bits: a passphrase must take zxcvbn at least 2^80 guesses.
PASSPHRASE_GUESSES = 2**80
# Every password, however mixed, must take at least as many guesses as 12 random digits.
MIN_GUESSES = 10**12
# zxcvbn reads 72 characters at most; longer passwords are judged on their beginning.
ESTIMATED_LENGTH = 72

HELP = (
    "Au choix : au moins 12 caractères avec des majuscules, des minuscules, des "
    "chiffres et des caractères spéciaux ; au moins 14 caractères avec des majuscules, des "
    "minuscules et des chiffres ; ou une longue phrase de passe faite de mots peu courants. "
    "Évitez les mots de passe courants, les suites (azerty, 1234), les répétitions et ce qui "
    "ressemble à votre nom ou à votre adresse électronique (recommandation de la CNIL)."
)
TOO_WEAK = "Ce mot de passe n'est pas assez robuste. "


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


def context_words(user) -> list[str]:
    """What a password must not resemble: the person's names and email, and their pieces."""
    if user is None:
        return []
    values = [
        getattr(user, name, "") or "" for name in ("first_name", "last_name", "email", "username")
    ]
    words = [v for v in values if v]
    for value in values:
        words += [w for w in re.split(r"[\W_]+", value) if len(w) >= 3]
    return list(dict.fromkeys(w.lower() for w in words))


def estimate(password: str, user=None) -> dict:
    """zxcvbn's estimate, with the French words it does not know (PASSWORD_EXTRA_DICTIONARY)
    and the person's own as words a guesser tries first."""
    words = list(getattr(settings, "PASSWORD_EXTRA_DICTIONARY", [])) + context_words(user)
    return zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=words)


def strong_enough(password: str, user=None) -> bool:
    """The CNIL's minimums: its two mixes of characters, or a passphrase of 80 bits."""
    kinds = classes(password)
    if len(password) >= MIN_MIXED and kinds >= {"upper", "lower", "digit", "special"}:
        return True
    if len(password) >= MIN_ALNUM and kinds >= {"upper", "lower", "digit"}:
        return True
    return len(password) >= MIN_MIXED and estimate(password, user)["guesses"] >= PASSPHRASE_GUESSES


class CnilPasswordValidator:
    def validate(self, password: str, user=None) -> None:
        if not strong_enough(password, user):
            raise ValidationError(TOO_WEAK + HELP, code="password_too_weak")

    def get_help_text(self) -> str:
        return HELP


class StrengthValidator(ZxcvbnPasswordValidator):
    """zxcvbn (django-zxcvbn-password-validator, its French messages) at its highest score,
    at least 10^12 guesses, with the person's names and email as context."""

    def _get_user_inputs(self, user):
        return list(self.extra_dictionary) + context_words(user)

    def validate(self, password, user=None):
        super().validate(password[:ESTIMATED_LENGTH], user)
        if estimate(password, user)["guesses"] < MIN_GUESSES:
            raise ValidationError(
                TOO_WEAK + "Il se devine trop facilement : " + feedback(password, user),
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return (
            "Un mot de passe prévisible (un mot courant, une suite, votre nom et une année) "
            "est refusé, même long."
        )


def feedback(password: str, user=None) -> str:
    """zxcvbn's warning and suggestions, in French."""
    result = estimate(password, user)["feedback"]
    parts = [result["warning"], *result["suggestions"]]
    said = " ".join(str(translate_zxcvbn_text(p)) for p in parts if p)
    return said or "ajoutez des mots peu courants ou des caractères variés."


def level(guesses: float, accepted: bool) -> str:
    if accepted:
        return "robuste"
    if guesses < 10**6:
        return "très faible"
    return "faible" if guesses < 10**10 else "presque suffisant"


def strength(password: str, user=None) -> dict:
    """What the strength meter shows as the person types: a level, whether the portal would
    accept the password now, and why not."""
    if not password:
        return {"level": "", "accepted": False, "message": ""}
    errors = []
    for validator in (CnilPasswordValidator(), StrengthValidator()):
        try:
            validator.validate(password, user)
        except ValidationError as error:
            errors += error.messages
    accepted = not errors and len(password) >= MIN_MIXED
    if len(password) < MIN_MIXED:
        errors.insert(0, f"Il faut au moins {MIN_MIXED} caractères.")
    message = "Ce mot de passe convient." if accepted else errors[0]
    guesses = estimate(password, user)["guesses"]
    return {"level": level(guesses, accepted), "accepted": accepted, "message": message}
