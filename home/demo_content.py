"""The public site's demo content: the page tree, a notice per CQP, the editorial guide.

Idempotent: pages are found by slug and updated, never duplicated. Used by the
`load_initial_data` command and by the test fixtures.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .legal.demo import build_legal_pages
from .models import CqpIndexPage, CqpNoticePage, EditorialPage, HomePage
from .referentials.models import Cqp

NOTICES = {
    "assistant-industries-sante": {
        "job_summary": (
            "L'assistant(e) produit les documents professionnels, gère et coordonne les "
            "informations liées à l'activité du manager, de l'équipe ou du service, dans les "
            "entreprises des industries de santé, de la TPE au groupe international."
        ),
        "contact": (
            "<p>Secrétariat des CQP des industries de santé, mandaté par la CPNEIS : "
            "la notice de recevabilité est disponible auprès du secrétariat, des organismes de "
            "formation habilités, des évaluateurs habilités, ou sur le site internet du LEEM.</p>"
        ),
    },
    "assistant-formation": {
        "job_summary": (
            "L'assistant(e) de formation assure le suivi administratif et la logistique des "
            "prestations de formation, accueille et informe les interlocuteurs, traite les aléas, "
            "rédige les documents et coordonne les informations."
        ),
        "contact": (
            "<p>Secrétariat de la CPEF : la demande de dossier VAE et le dossier de recevabilité "
            "lui sont adressés.</p>"
        ),
    },
    "conseiller-offres-services": {
        "job_summary": (
            "Le conseiller offres de services accueille, informe, oriente et conseille les "
            "assurés, allocataires, retraités ou cotisants des organismes de Sécurité sociale, "
            "sur place, à distance et vers les services en ligne."
        ),
        "contact": ('<p>Ucanss : <a href="mailto:formation@ucanss.fr">formation@ucanss.fr</a></p>'),
    },
}

# The guide quotes 003 (an OPCO's information page) word for word; what the portal adds
# carries its mark.
PORTAL_MARK = '<a class="proposed" href="/propose-par-le-portail/">Proposé par le portail</a>'

GUIDE_BODY = [
    ("heading", "Qu'est-ce qu'un CQP ?"),
    (
        "paragraph",
        "<p>Créés et délivrés par une ou plusieurs branches professionnelles, les CQP permettent "
        "de faire reconnaître officiellement des compétences et savoir-faire nécessaires à "
        "l'exercice d'un métier. Chaque branche professionnelle dispose de ses propres CQP. "
        "Certains sont inscrits au Répertoire national des certifications professionnelles (RNCP) "
        "ou au Répertoire spécifique des certifications et habilitations (RS), d'autres non.</p>",
    ),
    ("heading", "Qui peut demander une VAE ?"),
    (
        "paragraph",
        "<p>La page d'information d'un opérateur de compétences le dit de deux façons :</p>"
        "<ul><li>« Un CQP peut être obtenu par la formation ou par la validation des acquis de "
        "l'expérience (VAE) pour les salariés qui justifient d'au moins un an d'expérience en "
        "rapport avec le CQP visé. »</li>"
        "<li>« Toute personne, quel que soit son âge, sa nationalité, son statut et son niveau "
        "de formation, pouvant justifier d'au moins un an d'expérience, cumulée de façon "
        "continue ou non, en rapport direct avec les exigences du référentiel de la "
        "certification visée. »</li></ul>"
        f"<p>{PORTAL_MARK} La notice de chaque CQP cite ce que dit son certificateur et la "
        "règle que le portail applique.</p>",
    ),
    ("heading", "Quelles expériences comptent ?"),
    (
        "paragraph",
        "<p>« L'ensemble des activités non salariées, bénévoles, volontaires, syndicales, "
        "électives et des sportifs de haut niveau, peuvent faire l'objet d'une demande de "
        "validation des acquis de l'expérience. Ainsi que les périodes de stage en milieu "
        "professionnel dans le cadre d'une formation initiale ou continue. »</p>",
    ),
    ("heading", "Les 5 étapes d'une VAE"),
    (
        "paragraph",
        "<ol><li>Définir son projet et trouver la certification à valider</li>"
        "<li>Faire une demande de prise en charge</li>"
        "<li>Déposer un dossier de recevabilité – Livret 1 auprès de l'organisme délivrant la "
        "certification visée</li>"
        "<li>Constituer un dossier de VAE – Livret 2 : description des activités principales "
        "exercées, et les compétences mises en œuvre durant votre expérience</li>"
        "<li>Soutenir le dossier devant un jury</li></ol>",
    ),
    ("heading", "Le financement"),
    (
        "paragraph",
        "<p>Selon la même page : « Il est possible d'obtenir une aide "
        "financière notamment auprès de votre entreprise via l'Opérateur de compétences des "
        "Entreprises de Proximité (Opco EP). » « Pour cela, rapprochez-vous de votre employeur "
        "pour faire la demande de prise en charge. » « De façon individuelle, vous pouvez "
        "mobiliser votre compte personnel de formation (CPF), ou faire une demande de congé pour "
        "VAE (Transitions Pro). »</p>",
    ),
    (
        "callout",
        {
            "title": "Un appui pour votre dossier",
            "text": "<p>Vous pouvez bénéficier d'un appui méthodologique assuré par l'organisme "
            "certificateur ou par un autre prestataire externe pour le montage de votre dossier "
            "et la préparation aux sessions d'évaluation.</p>",
        },
    ),
]


def _child(parent: Page, model, slug: str, **fields) -> Page:
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        changed = False
        for name, value in fields.items():
            if name == "body":
                continue
            if getattr(page, name) != value:
                setattr(page, name, value)
                changed = True
        if changed:
            page.save()
    if not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
    return page


def _page_type() -> ContentType:
    return ContentType.objects.get_for_model(Page)


def _default_site(home: HomePage, *, hostname: str, port: int) -> None:
    """The default site, rooted at the home page (an old root page is removed)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Portail CQP-VAE",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Portail CQP-VAE"
        site.save()
        if type(old_root.specific) is Page and old_root.pk != home.pk:
            old_root.delete()


@transaction.atomic
def build_site(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Create or update the whole public page tree; return the home page."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("fr"))
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (live-server tests) has no tree at all
        root = Page.add_root(instance=Page(title="Root", slug="root", content_type=_page_type()))
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Obtenir un CQP par la VAE",
            slug="accueil",
            intro=(
                "Le portail de référence pour faire reconnaître votre expérience par un "
                "certificat de qualification professionnelle : comprendre la démarche, vérifier "
                "votre éligibilité et rédiger votre livret 2."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    _default_site(home, hostname=hostname, port=port)
    catalogue = _child(
        home,
        CqpIndexPage,
        "cqp",
        title="Les CQP accessibles par la VAE",
        intro=(
            "Choisissez un CQP pour lire sa notice : le métier, les compétences, les étapes "
            "de la VAE et les délais."
        ),
    )
    for slug, fields in NOTICES.items():
        cqp = Cqp.objects.filter(slug=slug, current__isnull=False).select_related("current").first()
        if cqp is None:
            continue
        _child(catalogue, CqpNoticePage, slug, title=cqp.current.title, cqp=cqp, **fields)
    guide = EditorialPage.objects.child_of(home).filter(slug="comprendre-les-cqp-et-la-vae").first()
    if guide is None:
        guide = EditorialPage(
            slug="comprendre-les-cqp-et-la-vae",
            title="Comprendre les CQP et la VAE",
            intro=(
                "Un CQP peut être obtenu par la formation ou par la validation des acquis de "
                "l'expérience (VAE). Voici l'essentiel avant de vous lancer."
            ),
            body=GUIDE_BODY,
        )
        home.add_child(instance=guide)
        guide.save_revision().publish()
    build_legal_pages(home)
    return home
