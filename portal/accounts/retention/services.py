"""Retention: accounts and livrets inactive for RETENTION_MONTHS are deleted.

Each person is warned by email RETENTION_WARNING_DAYS before: the job warns whoever crosses
"period minus warning" and deletes only what was warned at least that long ago and has not
been used since. Editors (staff) are never purged. Run daily (``retention_purge``).

An account's activity is its last sign-in and the dates every app declares
(``PersonalData.activity``); an app whose documents expire on their own (the livrets) runs
its pass in ``PersonalData.purge_inactive`` with the helpers of :class:`Purge`.
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

from portal.accounts.registry import providers
from portal.accounts.retention.models import RetentionWarning
from portal.accounts.services import delete_account
from portal.dates import add_months
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


@dataclass
class Purge:
    """One run of the purge: its moments, its report, and the accounts already dealt with."""

    now: datetime
    report: PurgeReport = field(default_factory=PurgeReport)
    purged_users: set[int] = field(default_factory=set)
    warned_users: set[int] = field(default_factory=set)

    @property
    def notice(self) -> timedelta:
        return timedelta(days=settings.RETENTION_WARNING_DAYS)

    @property
    def cutoff(self) -> datetime:
        """Activity older than this, once warned: deleted."""
        return months_before(self.now, settings.RETENTION_MONTHS)

    @property
    def warn_from(self) -> datetime:
        """Activity older than this: time to warn."""
        return self.cutoff + self.notice

    def due(self, *, user_id: int, livret_id: int | None, activity: datetime) -> bool:
        """Inactive past the period and warned after the last activity, at least the notice
        ago."""
        return (
            activity < self.cutoff
            and RetentionWarning.objects.filter(
                user_id=user_id,
                livret_id=livret_id,
                warned_at__gte=activity,
                warned_at__lte=self.now - self.notice,
            ).exists()
        )

    def pending(self, *, user_id: int, livret_id: int | None, activity: datetime) -> bool:
        """A warning already sent since the last activity."""
        return RetentionWarning.objects.filter(
            user_id=user_id, livret_id=livret_id, warned_at__gte=activity
        ).exists()

    def warn(self, user, *, livret=None, what: str = "") -> None:
        """Email the person and record the warning (``livret``: one document, ``what`` says
        it in French: « votre « … » sera supprimé »)."""
        delete_after = self.now + self.notice
        when = formats.date_format(delete_after, "j F Y")
        if livret is None:
            subject = "Votre compte sera supprimé faute d'activité"
            what = "votre compte et tous vos livrets seront supprimés"
        else:
            subject = "Un de vos livrets sera supprimé faute d'activité"
        body = (
            "Bonjour,\n\n"
            f"Vous n'avez pas utilisé le Portail CQP-VAE depuis longtemps : {what} "
            f"le {when}, comme le prévoit notre politique de conservation des données "
            f"({settings.RETENTION_MONTHS} mois sans activité).\n\n"
            "Pour les garder, il suffit de vous connecter avant cette date et d'ouvrir le "
            "livret :\n"
            f"{_site_url(reverse('account_login'))}\n\n"
            "Vous pouvez aussi télécharger toutes vos données depuis la page « Mes données ».\n\n"
            "L'équipe du Portail CQP-VAE\n"
        )
        RetentionWarning.objects.create(
            user=user, livret=livret, warned_at=self.now, delete_after=delete_after
        )
        send_email.enqueue(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[user.email]
        )


def _inactive_accounts(purge: Purge):
    lookups = [lookup for p in providers() for lookup in p.activity]
    annotations = {f"last_{i}": Max(lookup) for i, lookup in enumerate(lookups)}
    dates = [Coalesce("last_login", "date_joined")] + [
        Coalesce(name, "date_joined") for name in annotations
    ]
    users = get_user_model().objects.filter(is_staff=False, is_superuser=False, is_active=True)
    # Greatest needs two values at least: the date joined stands for a missing one.
    return (
        users.annotate(**annotations)
        .annotate(activity=Greatest(*dates, "date_joined"))
        .filter(activity__lte=purge.warn_from)
    )


def purge(*, now: datetime) -> PurgeReport:
    run = Purge(now=now)
    for user in _inactive_accounts(run):
        if run.due(user_id=user.pk, livret_id=None, activity=user.activity):
            pk = user.pk
            delete_account(user=user)
            run.purged_users.add(pk)
            run.report.deleted_accounts.append(pk)
        elif run.pending(user_id=user.pk, livret_id=None, activity=user.activity):
            run.warned_users.add(user.pk)
        elif user.email:
            run.warn(user)
            run.report.warned_accounts.append(user.pk)
            run.warned_users.add(user.pk)
    for provider in providers():
        provider.purge_inactive(run)
    return run.report


__all__ = ["Purge", "PurgeReport", "months_before", "purge"]
