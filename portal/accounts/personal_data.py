"""What the account itself holds: the user row, its email addresses (allauth) and the retention
warnings sent to it."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from portal.accounts.registry import PersonalData, Section, register
from portal.accounts.retention.models import RetentionWarning


def iso(value) -> str | None:
    """A date or datetime as the export writes it (None stays None)."""
    return value.isoformat() if value else None


def person(user) -> str:
    """How the export names another person: their names, else their address."""
    return (user.get_full_name() or user.email) if user else ""


class Account(PersonalData):
    label = "accounts"
    held = (
        "Votre compte : adresse électronique, prénom, nom, mot de passe (son empreinte, "
        "jamais en clair), dates d’inscription et de dernière connexion, réglages de la double "
        "authentification, courriels d’avertissement avant suppression."
    )
    purpose = (
        "Vous reconnaître, protéger vos documents et vous prévenir avant de supprimer "
        "un compte inutilisé."
    )
    readers = "Vous seul. Les personnes que vous invitez voient votre nom et votre adresse."
    order = 0
    models = ("retention.RetentionWarning",)

    def sections(self, user) -> list[Section]:
        addresses = EmailAddress.objects.filter(user=user).order_by("pk")
        warnings = RetentionWarning.objects.filter(user=user).order_by("pk")
        return [
            Section(
                "compte",
                "Mon compte",
                {
                    "email": user.email,
                    "identifiant": user.get_username(),
                    "prenom": user.first_name,
                    "nom": user.last_name,
                    "inscrit_le": iso(user.date_joined),
                    "derniere_connexion": iso(user.last_login),
                    "actif": user.is_active,
                    "equipe_editoriale": user.is_staff,
                    "administrateur": user.is_superuser,
                    "adresses_electroniques": [
                        {"adresse": a.email, "verifiee": a.verified, "principale": a.primary}
                        for a in addresses
                    ],
                },
            ),
            Section(
                "avertissements_de_suppression",
                "Avertissements de suppression pour inactivité",
                [
                    {
                        "livret": w.livret_id,
                        "envoye_le": iso(w.warned_at),
                        "suppression_apres": iso(w.delete_after),
                    }
                    for w in warnings
                ],
            ),
        ]

    def queued_emails(self, user):
        yield user.email
        yield from EmailAddress.objects.filter(user=user).values_list("email", flat=True)


register(Account())
