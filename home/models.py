"""The public pages: home, catalogue of CQPs, one notice per CQP, editorial pages.

A notice's structured facts (units, elements, steps, rules, delays, livret structure) are read
from its referential version, never retyped; the StreamField carries only the narrative.
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.db import models
from django.db.models import F
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from portal import links

from .blocks import NarrativeBlock
from .referentials.domain import EXPERIENCE_KINDS
from .referentials.models import Cqp, ReferentialVersion


class PortalPage(Page):
    """Base of the portal's pages: view restrictions are looked up only when some exist.

    Wagtail checks every ancestor of a page for restrictions on each request (two queries);
    on a site without any, one cheap EXISTS query answers the same thing.
    """

    class Meta:
        abstract = True

    # Set by home.routing from the query that validated the route (None: not known).
    site_has_view_restrictions: bool | None = None

    def get_view_restrictions(self):
        restricted = self.site_has_view_restrictions
        if restricted is None:
            restricted = PageViewRestriction.objects.exists()
        if not restricted:
            return _no_restrictions()
        return super().get_view_restrictions()


_NO_RESTRICTIONS = []


def _no_restrictions():
    """An empty queryset already evaluated: iterating it compiles no SQL on every visit
    (``none()`` still goes through the SQL compiler); ``order_by`` or ``filter`` on it
    still give an ordinary empty queryset."""
    if not _NO_RESTRICTIONS:
        empty = PageViewRestriction.objects.none()
        list(empty)
        _NO_RESTRICTIONS.append(empty)
    return _NO_RESTRICTIONS[0]


class HomePage(PortalPage):
    intro = models.TextField("introduction", blank=True)
    body = StreamField(NarrativeBlock(), verbose_name="contenu", blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = [
        "home.CqpIndexPage",
        "home.EditorialPage",
        "home.AccessibilityStatementPage",
        "home.SitePlanPage",
        "home.LegalNoticePage",
        "home.PersonalDataPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "page d'accueil"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = CqpNoticePage.objects.live().select_related("cqp__current")
        context["editorial_pages"] = EditorialPage.objects.live().child_of(self)
        return context


class CqpIndexPage(PortalPage):
    """The catalogue: every CQP notice, filtered by certifier and searched by words."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["home.CqpNoticePage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "catalogue des CQP"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = (
            CqpNoticePage.objects.child_of(self)
            .live()
            .select_related("cqp__current")
            .defer("cqp__current__data")
            .order_by("title")
        )
        certifiers = sorted({n.cqp.current.certifier for n in notices if n.cqp.current_id})
        certifier = request.GET.get("certificateur", "")
        query = request.GET.get("q", "").strip()[:200]
        if certifier in certifiers:
            notices = [n for n in notices if n.cqp.current.certifier == certifier]
        else:
            certifier = ""
        if query:
            notices = [n for n in notices if _matches(n, query)]
        context.update(notices=notices, certifiers=certifiers, certifier=certifier, query=query)
        return context


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _matches(notice: CqpNoticePage, query: str) -> bool:
    ref = notice.cqp.current.referential
    haystack = _fold(" ".join([notice.title, notice.job_summary, referential_text(ref)]))
    return all(word in haystack for word in _fold(query).split())


class CqpNoticePage(PortalPage):
    cqp = models.ForeignKey(
        Cqp, verbose_name="CQP (référentiel)", on_delete=models.PROTECT, related_name="notices"
    )
    job_summary = models.TextField(
        "le métier en bref", help_text="Une ou deux phrases affichées dans le catalogue."
    )
    contact = RichTextField("contacter le certificateur", features=["bold", "link"], blank=True)
    body = StreamField(
        NarrativeBlock(), verbose_name="récit complémentaire", blank=True, use_json_field=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("cqp"),
        FieldPanel("job_summary"),
        FieldPanel("contact"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.CqpIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("job_summary"),
        index.SearchField("body"),
        index.SearchField("referential_text"),
    ]

    class Meta:
        verbose_name = "notice de CQP"
        verbose_name_plural = "notices de CQP"

    # Loaded with the page by home.routing, so the notice reads its referential for free.
    route_select_related = ("cqp__current",)
    route_defer = ("cqp__current__data",)
    route_fingerprint = ("cqp__current_id",)

    @cached_property
    def version(self) -> ReferentialVersion:
        if "cqp" in self._state.fields_cache and self.cqp.current_id:
            return self.cqp.current
        return ReferentialVersion.objects.defer("data").get(
            cqp_id=self.cqp_id, cqp__current=F("pk")
        )

    @property
    def referential(self):
        return self.version.referential

    def referential_text(self) -> str:
        return referential_text(self.referential)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ref = self.referential
        context["version"] = self.version
        context["ref"] = ref
        context["kinds"] = [EXPERIENCE_KINDS[k] for k in ref.recevabilite.accepted_kinds]
        context["check_url"] = _check_url(ref.slug)
        return context


@functools.lru_cache(maxsize=256)
def _check_url_query(slug: str) -> str:
    return urlencode({"cqp": slug})


def _check_url(slug: str) -> str:
    """The self-check's first step with this CQP chosen."""
    return f"{links.url('selfcheck:start')}?{_check_url_query(slug)}"


class EditorialPage(PortalPage):
    intro = models.TextField("chapeau", blank=True)
    body = StreamField(NarrativeBlock(), verbose_name="contenu", use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.EditorialPage"]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "page éditoriale"


def referential_text(ref) -> str:
    """The words of a referential that a search should find."""
    parts = [ref.title, ref.certifier.name, ref.certifier.branch or "", *ref.presentation]
    for unit in ref.units:
        parts.append(unit.title)
        parts.extend(e.title for e in unit.elements)
        parts.extend(i.label for i in unit.activity_items)
    return "\n".join(parts)


# The footer's pages, in a package of their own (home.legal), registered with this app.
from home.legal.models import (  # noqa: E402, F401
    AccessibilityStatementPage,
    LegalNoticePage,
    PersonalDataPage,
    SitePlanPage,
)
