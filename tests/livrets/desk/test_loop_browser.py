"""Chromium, the whole loop between a 002 candidate and the CPEF's desk, each person signed in
with the login form (the staff with their TOTP code): the request deposited, sent back
incomplete with a motif, completed and deposited again, declared recevable; the livret 2
deposited; an evaluator named, who fills the grid; a jury session and its convocation; the
jury's partial decision recorded by the certifier; the candidate reads it, cannot change it,
and starts the livret 2 on what remains."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from portal.dates import french_day
from tests.support.browser import BROWSER_TIMEOUT_MS, press
from tests.support.data import PASSWORD, complete_livret, make_candidate, version_of
from tests.support.desk import finalised
from tests.support.recevabilite import AF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(referentials):
    from home.referentials.models import Cqp
    from livrets.desk.models import StaffMembership

    cqp = Cqp.objects.get(slug=AF)
    staff = {}
    for role, email in (
        ("secretariat", "secretariat@cpef.example"),
        ("evaluator", "evaluatrice@cpef.example"),
        ("jury", "jury@cpef.example"),
    ):
        user = make_candidate(email)
        StaffMembership.objects.create(user=user, cqp=cqp, role=role)
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        staff[role] = (user, secret)
    return {"candidate": make_candidate("claire@example.fr"), **staff}


@pytest.fixture
def pages(browser):
    """One browser per person, closed before the live server stops."""
    contexts = []

    def open_page():
        context = browser.new_context(locale="fr-FR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(BROWSER_TIMEOUT_MS)
        return page

    yield open_page
    for c in contexts:
        c.close()


def sign_in(page, live_server, email: str, path: str, secret: str | None = None):
    """The login form, then the TOTP code where the account has an app."""
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if secret is not None:
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        page.locator("input[name=code]").fill(code)
        with page.expect_navigation():
            page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{path}")


def submit(page, name: str):
    press(page, page.get_by_role("button", name=name, exact=True))


def test_the_whole_loop_from_the_deposit_to_the_livret_on_what_remains(
    pages, live_server, people, assert_accessible
):
    from livrets.livret2 import services as livrets
    from livrets.livret2.models import Livret

    today = timezone.localdate()
    day = today.isoformat()  # a date input holds an ISO date
    rq = finalised(people["candidate"], AF)
    candidate = pages()
    sign_in(
        candidate, live_server, "claire@example.fr", reverse("recevabilite:answer", args=[rq.pk])
    )

    # The candidate deposits the finalised request.
    submit(candidate, "Déposer ma demande sur le portail")
    expect(candidate.locator("body")).to_contain_text(
        f"déposée sur le portail le {french_day(today)}"
    )
    assert any("déposée" in m.body for m in mail.outbox)

    # The secretariat finds it in its inbox and sends it back incomplete, with a motif.
    secretariat = pages()
    user, secret = people["secretariat"]
    sign_in(secretariat, live_server, user.email, reverse("desk:inbox"), secret)
    assert_accessible(secretariat)
    secretariat.get_by_role("link", name="Claire").first.click()
    expect(secretariat.get_by_role("heading", level=1)).to_be_visible()
    request_url = secretariat.url
    secretariat.locator("input[name=outcome][value=incomplete]").check()
    secretariat.locator("textarea[name=motifs]").fill("Il manque le certificat de travail.")
    secretariat.locator("input[name=decided_on]").fill(day)
    submit(secretariat, "Enregistrer la décision")
    expect(secretariat.locator("#decision")).to_contain_text("Dernière réponse : Incomplète")

    # The candidate reads the motif, completes and finalises the request, deposits again.
    candidate.goto(live_server.url + reverse("recevabilite:detail", args=[rq.pk]))
    expect(candidate.locator("body")).to_contain_text("Il manque le certificat de travail.")
    candidate.goto(live_server.url + reverse("recevabilite:declaration", args=[rq.pk]))
    candidate.get_by_label("Votre nom et prénom").fill("Claire Dupont")
    candidate.get_by_label("Fait à (ville)").fill("Lyon")
    candidate.get_by_label("Le (date)").fill(day)
    candidate.get_by_label("Je fais cette déclaration sur l'honneur.").check()
    submit(candidate, "Finaliser ma demande")
    candidate.goto(live_server.url + reverse("recevabilite:answer", args=[rq.pk]))
    submit(candidate, "Déposer ma demande sur le portail")

    # Recevable, and the evaluator named.
    secretariat.goto(request_url)
    expect(secretariat.locator("body")).to_contain_text("Décision : incomplète")
    secretariat.locator("input[name=outcome][value=recevable]").check()
    secretariat.locator("input[name=decided_on]").fill(day)
    submit(secretariat, "Enregistrer la décision")
    expect(secretariat.locator("#decision")).to_contain_text("Recevable")
    secretariat.locator("select[name=evaluator]").select_option(str(people["evaluator"][0].pk))
    submit(secretariat, "Désigner l’évaluateur")
    expect(secretariat.locator("#evaluateurs")).to_contain_text("evaluatrice@cpef.example")

    # The candidate sees the decision and its date, then deposits the finalised livret 2.
    candidate.goto(live_server.url + reverse("candidatures:demarches"))
    said = candidate.locator("main")
    expect(said).to_contain_text(f"Recevable le {date_format(today, 'j F Y')}")
    # 002 gives no validity: the portal says so rather than inventing a date.
    expect(said).to_contain_text("La source ne donne pas de durée de validité de la recevabilité.")
    livret = livrets.start_livret(owner=people["candidate"], version=version_of(AF))
    complete_livret(livret)
    livrets.finalise(livret=livret, sworn_name="Claire Dupont", sworn_on=today)
    candidate.goto(live_server.url + reverse("livrets:detail", args=[livret.pk]))
    submit(candidate, "Déposer mon livret 2")
    expect(candidate.locator("#depot-livret")).to_contain_text(
        "Ce livret ne peut plus être rouvert"
    )

    # The evaluator fills compétence 1 of the 002 grid, column by column.
    evaluator = pages()
    user, secret = people["evaluator"]
    grid_path = reverse("desk:grid", args=[rq.pk])
    sign_in(evaluator, live_server, user.email, grid_path, secret)
    expect(evaluator.locator("body")).to_contain_text("Lecture du dossier VAE")
    form = evaluator.locator("form", has=evaluator.locator('input[name^="lecture-C1."]')).first
    for radio in form.locator('input[name^="lecture-C1."][value="acquis"]').all():
        radio.check()
    for radio in form.locator('input[name^="finale-C1."][value="acquis"]').all():
        radio.check()
    press(evaluator, form.get_by_role("button"))
    unit = evaluator.locator("section.unit", has=evaluator.locator('input[name^="finale-C1."]'))
    expect(unit).to_contain_text("enregistré")
    expect(unit.locator(".outcome")).to_have_text("Calcul proposé par le portail : maîtrisée")
    assert_accessible(evaluator)

    # A jury session; the candidate is convened.
    secretariat.goto(live_server.url + reverse("desk:sessions"))
    held_on = today + timedelta(days=60)
    secretariat.locator("input[name=held_on]").fill(held_on.isoformat())
    secretariat.locator("input[name=place]").fill("CPEF, Paris")
    submit(secretariat, "Créer la session")
    if secretariat.url.endswith(reverse("desk:sessions")):
        secretariat.get_by_role("link", name=french_day(held_on), exact=False).first.click()
    secretariat.locator("select[name=candidature]").select_option(index=1)
    submit(secretariat, "Convoquer le candidat")
    expect(secretariat.locator("main li", has_text="claire@example.fr")).to_have_count(1)
    assert any("CPEF, Paris" in m.body for m in mail.outbox)

    # The jury member records the partial decision: compétence 1 validated.
    jury = pages()
    user, secret = people["jury"]
    sign_in(jury, live_server, user.email, reverse("desk:jury_decision", args=[rq.pk]), secret)
    jury.locator("input[name=outcome][value=partielle]").check()
    jury.locator('input[name=validated_units][value="C1"]').check()
    jury.locator("textarea[name=motifs]").fill("Les autres compétences ne sont pas démontrées.")
    jury.locator("input[name=decided_on]").fill(day)
    submit(jury, "Enregistrer la décision du jury")
    expect(jury.locator("body")).to_contain_text("Validation partielle")
    assert_accessible(jury)

    # The candidate reads it (no form to change it) and starts the livret on what remains.
    candidate.goto(live_server.url + reverse("jury:decision", args=[livret.pk]))
    body = candidate.locator("body")
    expect(body).to_contain_text("Décision enregistrée par le certificateur sur le portail.")
    expect(body).to_contain_text("Les autres compétences ne sont pas démontrées.")
    expect(candidate.get_by_role("button", name="Enregistrer la décision")).to_have_count(0)
    assert_accessible(candidate)
    submit(candidate, "Commencer un livret 2 sur ce qui reste à valider")
    expect(candidate.locator("body")).to_contain_text("Compétence 1")
    follow_up = Livret.objects.exclude(pk=livret.pk).get(owner=people["candidate"])
    assert len(follow_up.exempt_sections) == 1  # compétence 1, validated by the jury
