"""`make run`'s certifier staff: for each CQP, one account per staff role (secretariat, or
the commission for 004; evaluator; jury member), development only: the password is public.
Each activates a TOTP app on their first visit to the desk. The evaluator is named for the
demo candidatures deposited at the CQP's desk, where there are any."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from home.referentials.models import Cqp
from livrets.desk.models import Assignment, StaffMembership, StaffRole

DOMAIN = "demo.cqp-vae.fr"
# Role -> (address prefix, first name of the account).
ACCOUNTS = {
    StaffRole.SECRETARIAT: ("secretariat", "Secrétariat"),
    StaffRole.EVALUATOR: ("evaluateur", "Évaluateur"),
    StaffRole.JURY: ("jury", "Jury"),
}


def _account(email: str, first_name: str, last_name: str, password: str):
    from allauth.account.models import EmailAddress

    user, created = get_user_model().objects.get_or_create(
        username=email,
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _assign_demo_candidatures(cqp, evaluator, secretariat) -> int:
    """The evaluator named for the demo candidates' requests deposited at the CQP's desk."""
    from livrets.candidatures.models import Candidature

    deposited = Candidature.objects.filter(
        cqp=cqp, deposited_on__isnull=False, owner__email__endswith=f"@{DOMAIN}"
    )
    for c in deposited:
        Assignment.objects.get_or_create(
            candidature=c, evaluator=evaluator, defaults={"assigned_by": secretariat}
        )
    return len(deposited)


def create_demo_staff(*, password: str) -> list[str]:
    lines = []
    for cqp in Cqp.objects.order_by("slug"):
        users = {}
        for role, (prefix, first_name) in ACCOUNTS.items():
            email = f"{prefix}-{cqp.slug}@{DOMAIN}"
            users[role] = _account(email, first_name, cqp.slug, password)
            membership, _ = StaffMembership.objects.get_or_create(
                user=users[role], cqp=cqp, role=role
            )
            lines.append(
                f"{membership.role_label} ({cqp}, bureau /bureau/, double authentification à "
                f"activer à la première visite) : {email} / {password}"
            )
        _assign_demo_candidatures(cqp, users[StaffRole.EVALUATOR], users[StaffRole.SECRETARIAT])
    return lines


def load(stdout) -> list[str]:
    """`make run`'s demo staff (settings.DEMO_LOADERS)."""
    from home.demo_accounts import DEMO_PASSWORD

    return create_demo_staff(password=DEMO_PASSWORD)
