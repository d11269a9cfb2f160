"""`make run`'s certifier staff: one secretariat account per CQP (development only: the
password is public). Each activates a TOTP app on their first visit to the desk."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from home.referentials.models import Cqp
from livrets.desk.models import StaffMembership, StaffRole


def create_demo_staff(*, password: str) -> list[str]:
    from allauth.account.models import EmailAddress

    User = get_user_model()
    lines = []
    for cqp in Cqp.objects.order_by("slug"):
        email = f"secretariat-{cqp.slug}@demo.cqp-vae.fr"
        user, created = User.objects.get_or_create(
            username=email,
            defaults={"email": email, "first_name": "Secrétariat", "last_name": cqp.slug},
        )
        if created:
            user.set_password(password)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        membership, _ = StaffMembership.objects.get_or_create(
            user=user, cqp=cqp, role=StaffRole.SECRETARIAT
        )
        lines.append(
            f"{membership.role_label} ({cqp}, bureau /bureau/, double authentification à "
            f"activer à la première visite) : {email} / {password}"
        )
    return lines


def load(stdout) -> list[str]:
    """`make run`'s demo staff (settings.DEMO_LOADERS)."""
    from home.demo_accounts import DEMO_PASSWORD

    return create_demo_staff(password=DEMO_PASSWORD)
