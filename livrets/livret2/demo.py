"""A demo candidate with a livret in progress, created by `make run` (development only)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from home.referentials.domain import SectionKind
from home.referentials.models import Cqp
from livrets.livret2 import parts, services
from livrets.livret2.models import Livret
from livrets.livret2.structure import section_of_kind

CANDIDATE_EMAIL = "candidate@demo.cqp-vae.fr"
DEMO_CQP = "conseiller-offres-services"


def create_demo_candidate(*, password: str) -> list[str]:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=CANDIDATE_EMAIL,
        defaults={"email": CANDIDATE_EMAIL, "first_name": "Camille", "last_name": "Démo"},
    )
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=CANDIDATE_EMAIL, defaults={"verified": True, "primary": True}
    )
    cqp = Cqp.objects.filter(slug=DEMO_CQP).select_related("current").first()
    if cqp and cqp.current and not Livret.objects.filter(owner=user).exists():
        _demo_livret(user, cqp.current)
    return [f"Candidat(e) avec un livret 2 en cours (/livrets/) : {CANDIDATE_EMAIL} / {password}"]


def _demo_livret(user, version) -> None:
    """A livret in progress: identity, motivation, the title of a first situation."""
    ref = version.referential
    identity, motivation, situations = (
        section_of_kind(ref, kind).code
        for kind in (SectionKind.IDENTITY, SectionKind.MOTIVATION, SectionKind.SITUATIONS)
    )
    livret = services.start_livret(owner=user, version=version, activities=["A2.I1"])
    for key, text in {"nom": "Démo", "prenom": "Camille", "email": CANDIDATE_EMAIL}.items():
        services.save_answer(livret=livret, section=identity, key=key, text=text, base_version=0)
    services.save_answer(
        livret=livret,
        section=motivation,
        key="raisons",
        text="Faire reconnaître six années d'accueil et de conseil des assurés.",
        base_version=0,
    )
    situation = parts.add_situation(livret=livret, section=situations)
    services.save_answer(
        livret=livret,
        section=situations,
        key="titre",
        text="Un assuré perdu dans ses démarches de retraite",
        base_version=0,
        situation=situation,
    )


def load(stdout) -> list[str]:
    """`make run`'s demo candidate (settings.DEMO_LOADERS)."""
    from home.demo_accounts import DEMO_PASSWORD

    return create_demo_candidate(password=DEMO_PASSWORD)
