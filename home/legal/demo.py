"""The footer's four pages as first published: created once, then the editors' own."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Page

from .models import AccessibilityStatementPage, LegalNoticePage, PersonalDataPage, SitePlanPage

RECOURSE = (
    "<p>Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un "
    "contenu ou à un service du portail et que vous n’avez pas obtenu de réponse "
    "satisfaisante, vous pouvez :</p>"
    "<ul><li>écrire un message au Défenseur des droits "
    '(<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a>) ;</li>'
    "<li>contacter le délégué du Défenseur des droits dans votre région "
    '(<a href="https://www.defenseurdesdroits.fr/saisir/delegues">liste des délégués</a>) ;'
    "</li>"
    "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des "
    "droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>"
)

PAGES = {
    AccessibilityStatementPage: {
        "title": "Déclaration d’accessibilité",
        "intro": (
            "Le Portail CQP-VAE s’engage à rendre ses pages et ses documents accessibles, "
            "conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005."
        ),
        "body": [("heading", "Voies de recours"), ("paragraph", RECOURSE)],
    },
    SitePlanPage: {
        "title": "Plan du site",
        "intro": "Toutes les pages publiques du portail.",
        "body": [],
    },
    LegalNoticePage: {
        "title": "Mentions légales",
        "intro": "Qui publie le Portail CQP-VAE, et d’où viennent ses informations.",
        "body": [
            ("heading", "Les informations publiées"),
            (
                "paragraph",
                "<p>Ce que le portail attribue à un certificateur reprend mot pour mot ses "
                "documents publics ; ce que le portail ajoute lui-même porte la mention "
                '<a href="/propose-par-le-portail/">« Proposé par le portail »</a>. Seul le '
                "certificateur décide de la recevabilité et de la validation.</p>",
            ),
        ],
    },
    PersonalDataPage: {
        "title": "Données personnelles",
        "intro": (
            "Ce que le portail garde de vous, pourquoi, combien de temps, qui le lit, et "
            "comment exercer vos droits."
        ),
        "body": [
            ("heading", "Cookies"),
            (
                "paragraph",
                "<p>Le portail ne dépose que les cookies nécessaires à son fonctionnement : "
                "celui de la session (rester connecté, retrouver vos réponses à la "
                "vérification d’éligibilité) et celui qui protège les formulaires. Aucun "
                "cookie de mesure d’audience ni de publicité.</p>",
            ),
            (
                "fact",
                {
                    "fact": "session_minutes",
                    "before": "La session prend fin après",
                    "after": "sans action de votre part.",
                },
            ),
        ],
    },
}


def build_legal_pages(home: Page) -> None:
    """Create the pages missing under ``home`` (an existing page is left as edited)."""
    for model, fields in PAGES.items():
        if model.objects.child_of(home).exists():
            continue
        page = model(slug=model.fixed_slug, **fields)
        if model is AccessibilityStatementPage:
            page.established_on = timezone.localdate()
        home.add_child(instance=page)
        page.save_revision().publish()
