"""The certifier's desk test data: staff accounts (with their TOTP app) and deposited
requests."""

from __future__ import annotations

from datetime import date

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from home.referentials.models import Cqp
from livrets.desk import services as desk
from livrets.desk.models import DecisionLetter, StaffMembership, StaffRole
from livrets.recevabilite import services
from tests.support.data import make_candidate
from tests.support.recevabilite import COS, IAS, complete, start

DEPOSITOR = "deposante@example.fr"
LETTER_DEPOSITOR = "lettre-recue@example.fr"
JURY_DECIDED = "jury-decide@example.fr"


def make_desk_staff() -> dict:
    """The COS certifier's secretariat, evaluator and jury member, and the 000 certifier's
    secretariat."""
    return {
        "secretariat": make_staff("commission@ucanss.example", COS),
        "evaluator": make_staff("evaluateur@ucanss.example", COS, "evaluator"),
        "jury": make_staff("jury@ucanss.example", COS, "jury"),
        "other_staff": make_staff("secretariat@cpneis.example", IAS),
    }


def make_editor(email: str):
    """An editor of the public pages (Wagtail admin, with their TOTP app): no certifier's
    staff, no candidature of anybody's."""
    from django.contrib.auth.models import Group, Permission

    user = make_candidate(email)
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    TOTP.activate(user, generate_totp_secret())
    return user


def make_staff(email: str, slug: str, role: str = "secretariat", *, totp: bool = True):
    user = make_candidate(email)
    StaffMembership.objects.create(user=user, cqp=Cqp.objects.get(slug=slug), role=role)
    if totp:
        TOTP.activate(user, generate_totp_secret())
    return user


def assign_evaluators(request) -> None:
    """Every evaluator of the request's CQP named for its candidature by the secretariat."""
    secretariat = StaffMembership.objects.filter(
        cqp_id=request.candidature.cqp_id, role=StaffRole.SECRETARIAT
    ).first()
    for m in StaffMembership.objects.filter(
        cqp_id=request.candidature.cqp_id, role=StaffRole.EVALUATOR
    ):
        desk.assign(request=request, by=secretariat.user, evaluator_id=m.user_id)


def with_national_form(request):
    """The filled national form (a small clean PDF) beside a request that is one (000, 004),
    as a deposit needs it; nothing for a certifier's own form (002)."""
    from livrets.desk import national_forms
    from tests.support.uploads import PDF

    if national_forms.is_national(request):
        national_forms.set_national_form(
            request=request, upload=SimpleUploadedFile("formulaire-national.pdf", PDF)
        )
    return request


def finalised(owner, slug: str):
    request = start(owner, slug)
    complete(request)
    with_national_form(request)
    services.finalise(
        request=request, sworn_name="Alice Martin", sworn_place="Lyon", sworn_on=date(2026, 1, 5)
    )
    request.refresh_from_db()
    return request


def deposited(owner, slug: str, *, on: date | None = None):
    request = finalised(owner, slug)
    desk.deposit(request=request, by=owner, today=on or timezone.localdate(), link="http://x/")
    request.refresh_from_db()
    return request


def decided_with_letter(owner, slug: str, *, request=None, outcome: str = "recevable"):
    """``owner``'s request (``request``, else a new one) deposited and decided by the CQP's
    secretariat with a letter (a small clean PDF): the stored ``DecisionLetter``."""
    from tests.support.uploads import PDF

    if request is None:
        request = deposited(owner, slug)
    else:
        complete(request)
        services.finalise(
            request=request,
            sworn_name="Alice Martin",
            sworn_place="Lyon",
            sworn_on=date(2026, 1, 5),
        )
        with_national_form(request)
        desk.deposit(request=request, by=owner, today=timezone.localdate(), link="http://x/")
    today = timezone.localdate()
    secretariat = StaffMembership.objects.filter(cqp__slug=slug, role=StaffRole.SECRETARIAT).first()
    desk.decide(
        request=request,
        by=secretariat.user,
        outcome=outcome,
        motifs="" if outcome == "recevable" else "Motifs de la décision.",
        decided_on=today,
        today=today,
        link="http://x/",
        letter=SimpleUploadedFile("lettre.pdf", PDF),
    )
    return DecisionLetter.objects.filter(event__candidature=request.candidature).latest("pk")


def jury_decided(owner, slug: str = COS):
    """``owner``'s request decided recevable (with a letter), their livret 2, and the jury's
    partial decision recorded by the CQP's secretariat with a letter: the request."""
    from livrets.livret2 import services as livret_services
    from tests.support.data import version_of
    from tests.support.uploads import PDF

    letter = decided_with_letter(owner, slug)
    request = letter.event.candidature.request
    livret = livret_services.start_livret(owner=owner, version=version_of(slug))
    units = [u.code for u in livret.referential_version.referential.units]
    today = timezone.localdate()
    desk.record_jury_decision(
        candidature=request.candidature,
        outcome="partielle",
        validated_units=units[:1],
        motifs="Les autres parties ne sont pas démontrées.",
        decided_on=today,
        by=StaffMembership.objects.filter(cqp__slug=slug, role=StaffRole.SECRETARIAT).first().user,
        today=today,
        letter=SimpleUploadedFile("decision-jury.pdf", PDF),
        link="http://x/",
    )
    return request


def decided(owner, slug: str, *, outcome: str = "recevable"):
    """``owner``'s request deposited and decided (without a letter) by the CQP's
    secretariat."""
    request = deposited(owner, slug)
    today = timezone.localdate()
    secretariat = StaffMembership.objects.filter(cqp__slug=slug, role=StaffRole.SECRETARIAT).first()
    desk.decide(
        request=request,
        by=secretariat.user,
        outcome=outcome,
        motifs="" if outcome == "recevable" else "Motifs de la décision.",
        decided_on=today,
        today=today,
        link="http://x/",
    )
    request.refresh_from_db()
    return request


def finalised_livret(owner):
    """``owner``'s COS livret 2, complete and finalised (on the candidature of their COS
    request, if any)."""
    from livrets.livret2 import services as livrets
    from tests.support.data import complete_cos, version

    livret = livrets.start_livret(owner=owner, version=version(COS))
    complete_cos(livret)
    livrets.finalise(livret=livret, sworn_name="Alice Martin", sworn_on=date(2026, 1, 5))
    livret.refresh_from_db()
    return livret


def deposited_livret(owner):
    """``owner``'s COS request declared recevable, their livret 2 finalised and deposited."""
    decided(owner, COS)
    livret = finalised_livret(owner)
    desk.deposit_livret(livret=livret, by=owner, today=timezone.localdate(), link="http://x/")
    livret.refresh_from_db()
    return livret


def grid_requests(*, evaluator, secretariat=None) -> dict:
    """A 002 request and a 000 request deposited by new candidates, ``evaluator`` named for
    both (made an evaluator of both CQPs); ``secretariat`` (else a new account) the 002
    secretariat, the 000 one made if there is none: the grids with something to fill."""
    from tests.support.recevabilite import AF

    af, ias = Cqp.objects.get(slug=AF), Cqp.objects.get(slug=IAS)
    if secretariat is None:
        secretariat = make_staff("secretariat-grille@cpef.example", AF)
    else:
        StaffMembership.objects.get_or_create(user=secretariat, cqp=af, role="secretariat")
    if not StaffMembership.objects.filter(cqp=ias, role="secretariat").exists():
        make_staff("secretariat-grille@cpneis.example", IAS)
    for cqp in (af, ias):
        StaffMembership.objects.get_or_create(user=evaluator, cqp=cqp, role="evaluator")
    found = {}
    for key, slug, email in (
        ("rpk_grid", AF, "grille-002@example.fr"),
        ("rpk_grid_ias", IAS, "grille-000@example.fr"),
    ):
        request = deposited(make_candidate(email), slug)
        desk.assign(request=request, by=secretariat, evaluator_id=evaluator.pk)
        found[key] = request.pk
    return found
