"""Retention: accounts and livrets inactive for RETENTION_MONTHS are deleted.

Each person is warned by email RETENTION_WARNING_DAYS before: the job warns whoever crosses
"period minus warning" and deletes only what was warned at least that long ago and has not
been used since. Editors (staff) are never purged. Run daily (``retention_purge``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import formats

from livrets.livret2 import services as livret_services
from livrets.livret2.models import Livret
from portal.dates import add_months
from portal.retention.models import RetentionWarning
from portal.tasks import send_email


@dataclass
class PurgeReport:
    warned_accounts: list[int] = field(default_factory=list)
    warned_livrets: list[int] = field(default_factory=list)
    deleted_accounts: list[int] = field(default_factory=list)
    deleted_livrets: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def months_before(moment: datetime, months: int) -> datetime:
    return add_months(moment, -months)


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _warn(user, *, livret: Livret | None, now: datetime, delete_after: datetime) -> None:
    when = formats.date_format(delete_after, "j F Y")
    if livret is None:
        subject = "Votre compte sera supprimé faute d'activité"
        what = "votre compte et tous vos livrets seront supprimés"
    else:
        subject = "Un de vos livrets sera supprimé faute d'activité"
        what = f"votre « {livret} » sera supprimé"
    body = (
        "Bonjour,\n\n"
        f"Vous n'avez pas utilisé le Portail CQP-VAE depuis longtemps : {what} "
        f"le {when}, comme le prévoit notre politique de conservation des données "
        f"({settings.RETENTION_MONTHS} mois sans activité).\n\n"
        "Pour les garder, il suffit de vous connecter avant cette date et d'ouvrir le livret :\n"
        f"{_site_url(reverse('account_login'))}\n\n"
        "Vous pouvez aussi télécharger toutes vos données depuis la page « Mes données ».\n\n"
        "L'équipe du Portail CQP-VAE\n"
    )
    RetentionWarning.objects.create(
        user=user, livret=livret, warned_at=now, delete_after=delete_after
    )
    send_email.enqueue(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[user.email]
    )


def _warned_for(user_id: int, livret_id: int | None, since: datetime, before: datetime) -> bool:
    """A warning sent after the last activity and at least the warning period ago."""
    return RetentionWarning.objects.filter(
        user_id=user_id, livret_id=livret_id, warned_at__gte=since, warned_at__lte=before
    ).exists()


def _pending_warning(user_id: int, livret_id: int | None, since: datetime) -> bool:
    return RetentionWarning.objects.filter(
        user_id=user_id, livret_id=livret_id, warned_at__gte=since
    ).exists()


def purge(*, now: datetime) -> PurgeReport:
    report = PurgeReport()
    notice = timedelta(days=settings.RETENTION_WARNING_DAYS)
    cutoff = months_before(now, settings.RETENTION_MONTHS)
    warn_from = cutoff + notice  # activity older than this: time to warn
    User = get_user_model()

    users = (
        User.objects.filter(is_staff=False, is_superuser=False, is_active=True)
        .annotate(
            last_livret=Max("livrets__updated_at"),
            last_answer=Max("livrets__answers__updated_at"),
        )
        .annotate(
            activity=Greatest(
                Coalesce("last_login", "date_joined"),
                Coalesce("last_livret", "date_joined"),
                Coalesce("last_answer", "date_joined"),
            )
        )
        .filter(activity__lte=warn_from)
    )
    purged_users, warned_users = set(), set()
    for user in users:
        if user.activity < cutoff and _warned_for(user.pk, None, user.activity, now - notice):
            pk = user.pk
            livret_services.delete_account(user=user)
            purged_users.add(pk)
            report.deleted_accounts.append(pk)
        elif _pending_warning(user.pk, None, user.activity):
            warned_users.add(user.pk)
        elif user.email:
            _warn(user, livret=None, now=now, delete_after=now + notice)
            report.warned_accounts.append(user.pk)
            warned_users.add(user.pk)

    livrets = (
        Livret.objects.exclude(owner_id__in=purged_users)
        .filter(owner__is_staff=False, owner__is_superuser=False)
        .annotate(last_answer=Max("answers__updated_at"))
        .annotate(activity=Greatest("updated_at", Coalesce("last_answer", "updated_at")))
        .filter(activity__lte=warn_from)
        .select_related("owner", "referential_version")
    )
    for livret in livrets:
        if livret.activity < cutoff and _warned_for(
            livret.owner_id, livret.pk, livret.activity, now - notice
        ):
            pk = livret.pk
            livret_services.delete_livrets(Livret.objects.filter(pk=pk))
            report.deleted_livrets.append(pk)
        elif (
            livret.owner_id not in warned_users
            and not _pending_warning(livret.owner_id, livret.pk, livret.activity)
            and livret.owner.email
        ):
            _warn(livret.owner, livret=livret, now=now, delete_after=now + notice)
            report.warned_livrets.append(livret.pk)
    return report


__all__ = ["PurgeReport", "months_before", "purge"]
