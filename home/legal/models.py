"""The four pages every page's footer links to: one of each, under the home page, at a fixed
address (the footer links there without asking the database)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.models import PortalPage
from portal import links
from portal.accounts.registry import providers

from . import accessibility, facts, plan
from .blocks import LegalBlock


class LegalPage(PortalPage):
    intro = models.TextField("chapeau", blank=True)
    body = StreamField(LegalBlock(), verbose_name="contenu", blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    fixed_slug = ""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact_email"] = settings.CONTACT_EMAIL
        return context

    def full_clean(self, *args, **kwargs):
        # Wagtail derives the slug from the title when it is empty: fixed before checking.
        if not self.slug:
            self.slug = self.fixed_slug
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.slug != self.fixed_slug:
            raise ValidationError(
                {
                    "slug": f"L’adresse de cette page est fixe, « {self.fixed_slug} » : le pied "
                    "de chaque page du portail y mène."
                }
            )


class AccessibilityStatementPage(LegalPage):
    fixed_slug = "accessibilite"
    established_on = models.DateField(
        "déclaration établie le", null=True, blank=True, help_text="Date de cette déclaration."
    )
    content_panels = [*LegalPage.content_panels, FieldPanel("established_on")]

    class Meta:
        verbose_name = "déclaration d’accessibilité"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            rgaa=accessibility.RGAA_VERSION,
            conformity=accessibility.CONFORMITY,
            conformity_reason=accessibility.CONFORMITY_REASON,
            checks=accessibility.CHECKS,
            known_issues=accessibility.KNOWN_ISSUES,
        )
        return context


class SitePlanPage(LegalPage):
    fixed_slug = "plan-du-site"

    class Meta:
        verbose_name = "plan du site"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = plan.page_tree(self.get_parent(), request)
        context["views"] = plan.views()
        return context


class LegalNoticePage(LegalPage):
    fixed_slug = "mentions-legales"
    publisher = models.TextField("éditeur du portail", blank=True)
    publication_director = models.CharField(
        "directeur ou directrice de la publication", max_length=200, blank=True
    )
    host = models.TextField("hébergeur", blank=True, help_text="Nom, adresse et téléphone.")
    content_panels = [
        *LegalPage.content_panels,
        FieldPanel("publisher"),
        FieldPanel("publication_director"),
        FieldPanel("host"),
    ]

    class Meta:
        verbose_name = "mentions légales"


class PersonalDataPage(LegalPage):
    fixed_slug = "donnees-personnelles"

    class Meta:
        verbose_name = "page des données personnelles"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["holdings"] = [
            {"name": name, "detail": detail, "purpose": p.purpose, "readers": p.readers}
            for p in providers()
            if p.held
            for name, _, detail in [p.held.partition(" : ")]
        ]
        context["retention"] = facts.stated(
            "retention_months", "retention_warning_days", "session_minutes", "pdf_cache_hours"
        )
        context["limits"] = facts.stated(
            "file_max", "livret_max", "account_max", "account_max_livrets", "data_exports_per_hour"
        )
        context["my_data_url"] = links.url("livrets:my_data")
        return context


# The footer's links: (slug, French title), in the order of the footer.
FOOTER = (
    (AccessibilityStatementPage.fixed_slug, f"Accessibilité : {accessibility.CONFORMITY}"),
    (SitePlanPage.fixed_slug, "Plan du site"),
    (LegalNoticePage.fixed_slug, "Mentions légales"),
    (PersonalDataPage.fixed_slug, "Données personnelles"),
)
LEGAL_PAGE_TYPES = (AccessibilityStatementPage, SitePlanPage, LegalNoticePage, PersonalDataPage)
