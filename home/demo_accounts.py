"""The demo editor created by `make run` (development only: its password is public).

The demo candidate is the livrets' (``livrets.livret2.demo``); `load_initial_data` creates both.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

EDITOR_EMAIL = "editeur@demo.cqp-vae.fr"
DEMO_PASSWORD = "demo-portail-cqp-vae"  # noqa: S105 - published demo password, development only


def create_demo_accounts() -> list[str]:
    User = get_user_model()
    editor, created = User.objects.get_or_create(
        username=EDITOR_EMAIL,
        defaults={"email": EDITOR_EMAIL, "first_name": "Éditrice", "last_name": "Démo"},
    )
    if created:
        editor.set_password(DEMO_PASSWORD)
        editor.save()
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editor.groups.add(editors)
    _verify_email(editor)
    return [f"Éditeur (administration Wagtail, /admin/) : {EDITOR_EMAIL} / {DEMO_PASSWORD}"]


def _verify_email(user) -> None:
    """Mark the account's address verified, so it can sign in through allauth."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
