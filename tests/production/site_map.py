"""Every page of the site, listed from the URL configuration and the Wagtail page tree.

Shared by the quality gates (axe-core in Chromium, CSRF). A URL added later is picked up
without editing them; one that takes an argument needs an entry in ``REGISTRY`` (keyed by
URL name) saying which object fills it, else the gates fail and say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Third-party URL configurations: the Wagtail admin (editors), Django's own. allauth's pages
# without argument are walked like the project's; those with a one-time key are not.
THIRD_PARTY = ("wagtail.", "django.")
THIRD_PARTY_WITH_KEYS = ("allauth.",)


@dataclass
class Target:
    name: str
    url: str
    actor: str  # "anon", "owner" (candidate with a livret), "coach" (accompagnateur)
    query: dict = field(default_factory=dict)


def walk(patterns=None, namespace=None):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), p


def arguments(pattern: URLPattern) -> set[str]:
    regex = getattr(pattern.pattern, "regex", None)
    return set(getattr(pattern.pattern, "converters", {})) | set(regex.groupindex if regex else {})


def is_public(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "login_required", True) is False


PAGE_TREE = "wagtail_serve"  # the Wagtail pages: listed from the page tree instead
FIELD = {"part": "situation:{sid}", "field": "titre"}


def _one(**kwargs) -> Callable[[dict], list[tuple[dict, dict]]]:
    """Registry entry: the URL's arguments (format strings over the objects) and its query."""
    query = kwargs.pop("query", {})
    return lambda ids: [
        (
            {k: v.format(**ids) for k, v in kwargs.items()},
            {k: v.format(**ids) for k, v in query.items()},
        )
    ]


def _wizard_steps(ids) -> list[tuple[dict, dict]]:
    from selfcheck.views import STEPS

    return [({"step": name}, {}) for name, _ in STEPS]


def _sections(ids) -> list[tuple[dict, dict]]:
    """A section of situations and the motivation section (its documents, its headings)."""
    return [({"pk": str(ids["pk"]), "code": code}, {}) for code in ("activite-1", "motivation")]


LIVRET = _one(pk="{pk}")
SECTION = _one(pk="{pk}", code="activite-1")
REGISTRY: dict[str, tuple[str, Callable]] = {
    "selfcheck:step": ("anon", _wizard_steps),
    "selfcheck_api:cqp": ("anon", _one(slug="conseiller-offres-services")),
    "livrets:detail": ("owner", LIVRET),
    "livrets:section": ("owner", _sections),
    "livrets:add_situation": ("owner", SECTION),
    "livrets:autosave": ("owner", LIVRET),
    "livrets:history": ("owner", _one(pk="{pk}", query=FIELD)),
    "livrets:delete_situation": ("owner", _one(pk="{pk}", sid="{sid}")),
    "livrets:situation_history": ("owner", _one(pk="{pk}", sid="{sid}")),
    "livrets:restore": ("owner", _one(pk="{pk}", rid="{rid}")),
    "livrets:upload": ("owner", LIVRET),
    "livrets:download": ("owner", _one(pk="{pk}", did="{did}")),
    "livrets:delete_document": ("owner", _one(pk="{pk}", did="{did}")),
    "livrets:finalise": ("owner", LIVRET),
    "livrets:reopen": ("owner", LIVRET),
    "livrets:journey": ("owner", LIVRET),
    "livrets:pdf": ("owner", LIVRET),
    "review:accept": ("invitee", _one(token="{token}")),
    "review:livret": ("coach", LIVRET),
    "review:section": ("coach", _sections),
    "review:section_status": ("coach", SECTION),
    "review:history": ("coach", _one(pk="{pk}", query=FIELD)),
    "review:document": ("coach", _one(pk="{pk}", did="{did}")),
    "review:access": ("owner", LIVRET),
    "review:revoke": ("owner", _one(pk="{pk}", iid="{iid}")),
    "review:comment_add": ("coach", LIVRET),
    "review:comment_reply": ("coach", _one(pk="{pk}", cid="{cid}")),
    "review:comment_toggle": ("coach", _one(pk="{pk}", cid="{cid}")),
}


def make_people() -> dict:
    """A candidate with a filled livret, an accompagnateur, a pending invitation."""
    from livrets import services as livret_services
    from livrets.models import Revision
    from tests.livrets.conftest import complete_cos, fill_situation, make_candidate, version_of

    owner = make_candidate("proprietaire@example.fr")
    coach = make_candidate("accompagnateur@example.fr")
    invitee = make_candidate("invitee@example.fr")
    livret = livret_services.start_livret(
        owner=owner, version=version_of("conseiller-offres-services")
    )
    situation = fill_situation(livret, "activite-1")
    document = livret_services.add_document(
        livret=livret, upload=SimpleUploadedFile("preuve.pdf", PDF), situation=situation
    )
    complete = livret_services.start_livret(
        owner=owner, version=version_of("conseiller-offres-services")
    )
    complete_cos(complete)
    ids = {
        "pk": livret.pk,
        "complete": complete.pk,
        "sid": situation.pk,
        "did": document.pk,
        "rid": Revision.objects.filter(answer__situation=situation).first().pk,
    }
    people = {"anon": None, "owner": owner, "coach": coach, "invitee": invitee}
    try:
        from livrets.review import services as review
        from livrets.review.models import Comment
    except ImportError:  # pragma: no cover - before the review feature
        return {"people": people, "ids": ids}
    review.accept(invitation=review.invite(livret=livret, email=coach.email).invitation, user=coach)
    pending = review.invite(livret=livret, email=invitee.email)
    comment = Comment.objects.create(
        livret=livret,
        author=coach,
        section_code="activite-1",
        situation=situation,
        field_key="titre",
        body="Un titre plus précis ?",
    )
    ids.update({"cid": comment.pk, "iid": pending.invitation.pk, "token": pending.token})
    return {"people": people, "ids": ids}


def targets(ids: dict) -> tuple[list[Target], list[str]]:
    """Every URL of the configuration with its visitor; and the id-bearing names unknown."""
    found, unknown = [], []
    for name, pattern in walk():
        module = getattr(pattern.callback, "__module__", "") or ""
        if module.startswith(THIRD_PARTY) or name == PAGE_TREE:
            continue
        args = arguments(pattern)
        if not args:
            actor = "anon" if is_public(pattern) else "owner"
            found.append(Target(name, reverse(name), actor))
        elif name in REGISTRY:
            actor, fill = REGISTRY[name]
            for kwargs, query in fill(ids):
                found.append(Target(name, reverse(name, kwargs=kwargs), actor, query))
        elif not module.startswith(THIRD_PARTY_WITH_KEYS):
            unknown.append(name)
    return found, unknown


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
        Submit("delete account", "owner", reverse("livrets:my_data"), {"password": "faux"}),
        Submit("login", "anon", reverse("account_login"), {"login": "", "password": ""}),
        Submit(
            "signup",
            "anon",
            reverse("account_signup"),
            {"email": "pas-une-adresse", "password1": "court", "password2": "autre"},
        ),
        Submit("password reset", "anon", reverse("account_reset_password"), {"email": "x"}),
    ]
