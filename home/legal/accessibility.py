"""What the accessibility statement says of the portal's state, kept beside what CI checks.

Each check names the tests that run it in CI (``tests/...::test_...``); a test of the
statement fails when a named test is gone, or when a quality gate runs without being named
here: the statement cannot promise a check CI no longer makes, nor keep quiet about one.

No complete RGAA audit has been made: RGAA's rule is then to declare the site « non
conforme », whatever the automatic checks find. A rate and « partiellement conforme » may be
stated only from such an audit.
"""

from __future__ import annotations

from dataclasses import dataclass

RGAA_VERSION = "RGAA 4.1.2"
CONFORMITY = "non conforme"
CONFORMITY_REASON = (
    "aucun audit complet de conformité au RGAA n’a encore été réalisé. Les vérifications "
    "automatiques décrites ci-dessous ne couvrent qu’une partie des critères."
)


@dataclass(frozen=True)
class Check:
    tool: str
    what: str
    tests: tuple[str, ...]  # the pytest node ids that run it in CI


@dataclass(frozen=True)
class KnownIssue:
    what: str
    workaround: str


_PROD = "tests/production"
CHECKS: tuple[Check, ...] = (
    Check(
        "Nu Html Checker (validateur HTML du W3C)",
        "le code HTML de chaque page du portail, vue par chaque type de visiteur, et de chaque "
        "formulaire après un envoi refusé : aucune erreur.",
        (f"{_PROD}/test_html_validity.py::test_every_page_is_valid_html",),
    ),
    Check(
        "axe-core dans le navigateur Chromium",
        "chaque page du portail, vue par chaque type de visiteur : aucune erreur grave ou "
        "critique détectable automatiquement.",
        (f"{_PROD}/test_quality_gates.py::test_every_page_passes_axe_in_chromium",),
    ),
    Check(
        "Chromium à 320 pixels de large",
        "aucune page ne défile horizontalement (critère 10.11) ; la prise de focus au clavier "
        "reste visible, avec un contraste d’au moins 3:1 (critère 10.7).",
        (
            f"{_PROD}/test_reflow_and_focus.py::"
            "test_no_page_scrolls_sideways_at_320px_and_focus_is_visible",
            f"{_PROD}/test_reflow_and_focus.py::test_contrast_of_known_colours",
        ),
    ),
    Check(
        "Parcours au clavier dans Chromium",
        "après un envoi refusé, chaque formulaire affiche un récapitulatif des erreurs qui "
        "reçoit le focus, et dont chaque lien mène au champ concerné (critère 11.10).",
        (
            f"{_PROD}/test_error_summary.py::"
            "test_every_failed_submit_shows_a_focused_summary_linking_to_the_fields",
            f"{_PROD}/test_error_summary.py::"
            "test_focus_lands_on_the_summary_and_its_links_reach_the_fields",
        ),
    ),
    Check(
        "pdfua (vérificateur PDF/UA) et lecture de la structure des PDF (pikepdf)",
        "chaque sorte de PDF du portail (livret 2, résultat de la vérification, demande de "
        "recevabilité et grille du jury, pour chaque CQP) : aucune erreur ni aucun avertissement "
        "de pdfua, qui ne contrôle qu’une partie des règles PDF/UA ; aucun saut de niveau de "
        "titre, aucun tableau sans lignes, les en-têtes et numéros de page hors du contenu.",
        (
            "tests/portal/pdf/test_every_pdf.py::"
            "test_every_pdf_passes_pdfua_and_the_structure_checks",
            "tests/portal/pdf/test_tagging.py::"
            "test_a_table_over_several_pages_is_one_table_its_repeated_header_an_artifact",
            "tests/portal/pdf/test_tagging.py::"
            "test_running_heads_and_page_numbers_are_pagination_artifacts",
        ),
    ),
    Check(
        "Lecture de la structure des PDF (pikepdf)",
        "le livret 2 exporté en PDF est balisé pour les lecteurs d’écran : ses titres et ses "
        "tableaux, avec leurs en-têtes.",
        (
            "tests/livrets/livret2/test_pdf_structure.py::test_the_structure_of_a_full_livret",
            "tests/livrets/livret2/test_pdf_structure.py::test_table_header_cells_have_a_scope",
        ),
    ),
)

# The test modules whose every test is a quality gate named above.
GATE_MODULES = (
    f"{_PROD}/test_html_validity.py",
    f"{_PROD}/test_quality_gates.py",
    f"{_PROD}/test_reflow_and_focus.py",
    f"{_PROD}/test_error_summary.py",
)

# What is known not to hold today (outside checkers, issue 25), with a way around it. An
# entry goes once its fix is merged.
KNOWN_ISSUES: tuple[KnownIssue, ...] = ()
