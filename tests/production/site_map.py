"""Every page of the site, listed from the URL configuration and the Wagtail page tree.

Shared by the quality gates (axe-core in Chromium, CSRF). A URL added later is picked up
without editing them; one that takes an argument needs an entry in the registry of
``tests.support.urls`` saying which object fills it, else the gates fail and say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import URLPattern, reverse

from tests.support.data import PASSWORD
from tests.support.urls import REGISTRY, arguments, make_objects, walk

# Third-party URL configurations: the Wagtail admin (editors), Django's own. allauth's pages
# without argument are walked like the project's; those with a one-time key are not.
THIRD_PARTY = ("wagtail.", "django.")
THIRD_PARTY_WITH_KEYS = ("allauth.",)


@dataclass
class Target:
    name: str
    url: str
    # "anon", "owner" (candidate with a livret), "coach" (accompagnateur), "secretariat"
    # (the COS certifier's staff)
    actor: str
    query: dict = field(default_factory=dict)


def is_public(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "login_required", True) is False


PAGE_TREE = "wagtail_serve"  # the Wagtail pages: listed from the page tree instead
# Pages without argument that a certifier's staff member opens, not a candidate.
STAFF_PAGES = {"desk:inbox", "desk:sessions"}


def make_people() -> dict:
    """A candidate with a filled livret, an accompagnateur, a pending invitation."""
    from livrets.livret2 import services as livret_services
    from livrets.review import services as review
    from tests.support.data import complete_cos, make_candidate, version_of
    from tests.support.desk import make_desk_staff

    owner = make_candidate("proprietaire@example.fr")
    staff = make_desk_staff()
    coach = make_candidate("accompagnateur@example.fr")
    invitee = make_candidate("invitee@example.fr")
    livret = livret_services.start_livret(
        owner=owner, version=version_of("conseiller-offres-services")
    )
    review.accept(invitation=review.invite(livret=livret, email=coach.email).invitation, user=coach)
    ids = make_objects(livret, coach=coach, invite=invitee.email)
    ids["pk_af"] = _jury_livret(owner, coach)
    # A 000 livret: the jury preparation of each CQP is walked (002 above, 004 by make_objects).
    ids["pk_ias"] = livret_services.start_livret(
        owner=owner, version=version_of("assistant-industries-sante")
    ).pk
    ids.update(_more_requests(owner))
    if "rpk_desk" in ids:  # the grids: the COS secretariat's account evaluates 002 and 000
        from tests.support.desk import grid_requests

        ids.update(grid_requests(evaluator=staff["secretariat"]))
    ids["pk_running"] = _running_pdf(owner)
    # A complete livret: its finalise form (the error summary's checks post to it).
    complete = livret_services.start_livret(
        owner=owner, version=version_of("conseiller-offres-services")
    )
    complete_cos(complete)
    ids["complete"] = complete.pk
    people = {
        "anon": None,
        "owner": owner,
        "coach": coach,
        "invitee": invitee,
        "secretariat": staff["secretariat"],
    }
    if "rpk_desk" in ids:  # the candidate who deposited the request the desk reads
        from livrets.recevabilite.models import RecevabiliteRequest

        people["depositor"] = RecevabiliteRequest.objects.get(pk=ids["rpk_desk"]).owner
    if "pk_desk" in ids:  # the candidate whose livret 2 is deposited and who is convened
        from livrets.livret2.models import Livret

        people["convened"] = Livret.objects.get(pk=ids["pk_desk"]).owner
    return {"people": people, "ids": ids}


def _jury_livret(owner, coach) -> int:
    """A 002 livret followed by the accompagnateur, rated by both, differing on one element."""
    from livrets.jury import services as jury
    from livrets.livret2 import services as livret_services
    from livrets.review import services as review
    from tests.support.data import version_of

    livret = livret_services.start_livret(owner=owner, version=version_of("assistant-formation"))
    review.accept(invitation=review.invite(livret=livret, email=coach.email).invitation, user=coach)
    acquired = {f"C4.E{i}": "acquis" for i in range(1, 6)}
    for role, author, values in (
        ("candidat", owner, acquired | {"C4.E2": "non_mis_en_oeuvre"}),
        ("accompagnateur", coach, acquired),
    ):
        jury.rate_unit(livret=livret, unit_code="C4", role=role, author=author, values=values)
    return livret.pk


def _more_requests(owner) -> dict:
    """A recevabilité request on each other CQP (the livret's own is made by make_objects);
    the 000 one finalised, so that its pages show a sent request and its follow-up form."""
    from django.utils import timezone

    from livrets.recevabilite import services
    from tests.support.recevabilite import AF, IAS, complete, start

    sent = start(owner, IAS)
    complete(sent)
    services.finalise(
        request=sent, sworn_name="Alice Martin", sworn_place="Lyon", sworn_on=timezone.localdate()
    )
    return {"rpk_af": start(owner, AF).pk, "rpk_ias": sent.pk}


def _running_pdf(owner) -> int:
    """A livret whose PDF is being prepared: its progress page in its running state (polling)."""
    from django.test import override_settings

    from livrets.livret2 import services as livret_services
    from livrets.livret2.pdf.export import livret_export
    from portal.pdf import jobs
    from tests.support.data import version_of

    livret = livret_services.start_livret(
        owner=owner, version=version_of("conseiller-offres-services")
    )
    export = livret_export(livret)
    # Claimed for an hour, never rendered: it stays « en cours » while the gates walk.
    with override_settings(PDF_TIME_LIMIT_SECONDS=3600):
        jobs.claim(export.slot, export.revision, html_chars=1_000_000)
    return livret.pk


# Pages that another visitor than the registry's also sees (name, visitor, id of the livret).
OTHER_VISITORS = [
    ("jury:grid", "coach", "pk_af"),
    ("jury:interview", "coach", "pk_af"),
    ("jury:history", "coach", "pk_af"),
    ("jury:grid", "coach", "pk"),
    ("review:livret", "coach", "pk_af"),
    ("jury:grid", "owner", "pk_ias"),
    ("jury:interview", "owner", "pk_ias"),
    ("jury:decision", "owner", "pk_ias"),
    ("jury:history", "owner", "pk_ias"),
]


def targets(ids: dict) -> tuple[list[Target], list[str]]:
    """Every URL of the configuration with its visitor; and the id-bearing names unknown."""
    found, unknown = [], []
    for name, pattern in walk():
        module = getattr(pattern.callback, "__module__", "") or ""
        if module.startswith(THIRD_PARTY) or name == PAGE_TREE:
            continue
        args = arguments(pattern)
        if not args:
            actor = (
                "anon" if is_public(pattern) else "secretariat" if name in STAFF_PAGES else "owner"
            )
            found.append(Target(name, reverse(name), actor))
        elif name in REGISTRY:
            actor, fill = REGISTRY[name]
            for kwargs, query in fill(ids):
                found.append(Target(name, reverse(name, kwargs=kwargs), actor, query))
        elif not module.startswith(THIRD_PARTY_WITH_KEYS):
            unknown.append(name)
    found += [
        Target(name, reverse(name, kwargs={"pk": ids[key]}), actor)
        for name, actor, key in OTHER_VISITORS
        if key in ids
    ]
    # The accompagnateur's dashboard, with the livrets they follow.
    found.append(Target("review:dashboard", reverse("review:dashboard"), "coach"))
    # A request deposited at the desk, as its candidate reads it: the dates the desk keeps.
    if "rpk_desk" in ids:
        found += [
            Target(name, reverse(name, kwargs={"rpk": ids["rpk_desk"]}), "depositor")
            for name in ("recevabilite:detail", "recevabilite:answer")
        ]
        found.append(
            Target("candidatures:demarches", reverse("candidatures:demarches"), "depositor")
        )
    # The livret 2 deposited at the desk and the convocation, as their candidate reads them.
    if "pk_desk" in ids:
        found += [
            Target("livrets:detail", reverse("livrets:detail", args=[ids["pk_desk"]]), "convened"),
            Target("candidatures:demarches", reverse("candidatures:demarches"), "convened"),
        ]
    return found, unknown


def _grid_submits(ids: dict) -> list[Submit]:
    """The 002 evaluators' grid, a compétence saved with a mark off the source's scale."""
    if "rpk_grid" not in ids:
        return []
    return [
        Submit(
            "desk evaluation grid",
            "secretariat",
            reverse("desk:grid_part", kwargs={"rpk": ids["rpk_grid"], "part": "C1"}),
            {"version": "0.0", "finale-C1.E1": "bidon"},
            shown_at=reverse("desk:grid", kwargs={"rpk": ids["rpk_grid"]}),
        )
    ]


def wagtail_pages() -> list[Target]:
    from wagtail.models import Page

    return [
        Target("wagtail_serve", page.url, "anon")
        for page in Page.objects.live().filter(depth__gt=1).specific()
        if page.url
    ]


@dataclass
class Submit:
    name: str
    actor: str
    url: str
    data: dict
    # Posts made first (a wizard step needs the steps before it).
    before: list[tuple[str, dict]] = field(default_factory=list)
    # The page that shows the form, when it is not ``url`` (a POST-only URL).
    shown_at: str = ""


def failed_submits(ids: dict) -> list[Submit]:
    """Every form of the site posted with answers it refuses.

    The pages that come back show the error summary; the HTML and browser checks use them.
    """
    step = lambda name: reverse("selfcheck:step", kwargs={"step": name})  # noqa: E731
    wizard = "self_check_wizard-current_step"
    livret = ids["pk"]
    too_long = "x" * 10_001
    request = lambda name: reverse(f"recevabilite:{name}", kwargs={"rpk": ids["rpk"]})  # noqa: E731
    section = reverse("review:section", kwargs={"pk": livret, "code": "motivation"})
    situations = reverse("review:section", kwargs={"pk": livret, "code": "activite-1"})
    chosen = [
        (step("cqp"), {wizard: "cqp", "cqp-cqp": "conseiller-offres-services"}),
        (step("situation"), {wizard: "situation", "situation-situation": "salarie"}),
    ]
    return [
        Submit("wizard cqp", "anon", step("cqp"), {wizard: "cqp"}),
        Submit(
            "wizard experiences",
            "anon",
            step("experiences"),
            {
                wizard: "experiences",
                "experiences-TOTAL_FORMS": "1",
                "experiences-INITIAL_FORMS": "0",
                "experiences-0-part_time_percent": "100",
            },
            before=chosen,
        ),
        Submit("livret start", "owner", reverse("livrets:start"), {"cqp": ""}),
        Submit(
            "editor without JavaScript",
            "owner",
            reverse("livrets:section", kwargs={"pk": livret, "code": "motivation"}),
            {"fields": "section:motivation|raisons", "section:motivation|raisons": too_long},
        ),
        Submit(
            "finalise",
            "owner",
            reverse("livrets:finalise", kwargs={"pk": ids["complete"]}),
            {"name": "", "place": "", "date": "pas une date"},
        ),
        Submit(
            "journey dates",
            "owner",
            reverse("livrets:journey", kwargs={"pk": livret}),
            {"requested_on": "31/02/2026", "notified_on": "", "jury_on": ""},
            shown_at=reverse("livrets:detail", kwargs={"pk": livret}),
        ),
        Submit(
            "invitation", "owner", reverse("review:access", kwargs={"pk": livret}), {"email": "x"}
        ),
        Submit(
            "jury decision",
            "owner",
            reverse("jury:decision", kwargs={"pk": livret}),
            {"decided_on": "31/02/2026", "outcome": ""},
        ),
        Submit(
            "jury grid",
            "owner",
            reverse("jury:rate", kwargs={"pk": ids["pk_af"], "unit": "C4"}),
            {"note-C4.E1": "bidon"},
            shown_at=reverse("jury:grid", kwargs={"pk": ids["pk_af"]}),
        ),
        Submit("request start", "owner", reverse("recevabilite:start"), {"cqp": ""}),
        Submit(
            "desk decision",
            "secretariat",
            reverse("desk:request", kwargs={"rpk": ids["rpk_desk"]}),
            {"outcome": "non_recevable", "motifs": "", "decided_on": "31/02/2026"},
        ),
        Submit(
            "desk jury decision",
            "secretariat",
            reverse("desk:jury_decision", kwargs={"rpk": ids["rpk_letter"]}),
            {
                "outcome": "partielle",
                "validated_units": [],
                "motifs": "",
                "decided_on": "31/02/2026",
            },
        ),
        Submit(
            "desk evaluator assignment",
            "secretariat",
            reverse("desk:assign", kwargs={"rpk": ids["rpk_desk"]}),
            {"evaluator": ""},
            shown_at=reverse("desk:request", kwargs={"rpk": ids["rpk_desk"]}),
        ),
        Submit(
            "desk jury session",
            "secretariat",
            reverse("desk:sessions"),
            {"held_on": "31/02/2026", "place": ""},
        ),
        *(
            [
                Submit(
                    "desk seat",
                    "secretariat",
                    reverse("desk:session", kwargs={"spk": ids["spk"]}),
                    {"candidature": ""},
                )
            ]
            if "spk" in ids
            else []
        ),
        *_grid_submits(ids),
        Submit(
            "desk gap analysis",
            "secretariat",
            reverse("desk:gaps", kwargs={"rpk": ids["rpk_letter"]}),
            {"gap-A1": "x" * 4001},
            shown_at=reverse("desk:request", kwargs={"rpk": ids["rpk_letter"]}),
        ),
        Submit(
            "national form without a file",
            "owner",
            reverse("desk_candidate:national_form_upload", kwargs={"rpk": ids["rpk"]}),
            {},
            shown_at=request("answer"),
        ),
        Submit(
            "request gaps",
            "owner",
            request("gaps"),
            {"units": ["inconnue"]},
            shown_at=request("answer"),
        ),
        Submit("request identity", "owner", request("identity"), {"email": "x"}),
        Submit(
            "request period",
            "owner",
            reverse("recevabilite:period", kwargs={"rpk": ids["rpk"], "pid": ids["pid"]}),
            {"kind": "salarie", "start": "2023-05-01", "end": "2023-01-01"},
        ),
        Submit("request comment", "coach", request("reading"), {"part": "", "body": ""}),
        Submit(
            "request education",
            "owner",
            request("education"),
            {"diplomas": ["aucun", "bac"]},
        ),
        Submit(
            "request yearly count",
            "owner",
            reverse("recevabilite:declaration", kwargs={"rpk": ids["rpk_af"]}),
            {"count": "1", "count-other_requests_this_year": "-1"},
        ),
        Submit(
            "request proof without a file",
            "owner",
            reverse("recevabilite:upload", kwargs={"rpk": ids["rpk"]}),
            {"period": ids["pid"]},
            shown_at=reverse("recevabilite:period", kwargs={"rpk": ids["rpk"], "pid": ids["pid"]}),
        ),
        Submit(
            "livret document without a file",
            "owner",
            reverse("livrets:upload", kwargs={"pk": livret}),
            {"section": "motivation"},
            shown_at=reverse("livrets:section", kwargs={"pk": livret, "code": "motivation"}),
        ),
        Submit(
            "request sending and answer",
            "owner",
            reverse("recevabilite:answer", kwargs={"rpk": ids["rpk_ias"]}),
            {"sent_on": "pas une date", "received_on": "31/02/2026"},
        ),
        Submit(
            "comment without JavaScript",
            "coach",
            reverse("review:comment_add", kwargs={"pk": livret}),
            {"part": "section:motivation", "field": "raisons", "body": " ", "next": section},
            shown_at=section,
        ),
        Submit(
            "reply without JavaScript",
            "coach",
            reverse("review:comment_reply", kwargs={"pk": livret, "cid": ids["cid"]}),
            {"body": "", "next": situations},
            shown_at=situations,
        ),
        Submit("delete account", "owner", reverse("livrets:my_data"), {"password": "faux"}),
        Submit(
            "account names",
            "owner",
            reverse("livrets:names"),
            {"first_name": "", "last_name": "x" * 151},
            shown_at=reverse("livrets:my_data"),
        ),
        Submit("login", "anon", reverse("account_login"), {"login": "", "password": ""}),
        Submit(
            "signup",
            "anon",
            reverse("account_signup"),
            {"email": "pas-une-adresse", "password1": "court", "password2": "autre"},
        ),
        Submit("password reset", "anon", reverse("account_reset_password"), {"email": "x"}),
        Submit(
            "password change",
            "owner",
            reverse("account_change_password"),
            {"oldpassword": "faux", "password1": "court", "password2": "autre"},
        ),
        Submit(
            "email address", "owner", reverse("account_email"), {"action_add": "", "email": "x"}
        ),
        Submit("reauthentication", "owner", reverse("account_reauthenticate"), {"password": "x"}),
        Submit(
            "two-factor activation",
            "owner",
            reverse("mfa_activate_totp"),
            {"code": "000000"},
            before=[(reverse("account_reauthenticate"), {"password": PASSWORD})],
        ),
    ]
