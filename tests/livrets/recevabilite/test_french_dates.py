"""The request's periods in French: hours « 35 » (never « 35.0 »), an ended period « du … au … »,
the periods carried over from the self-check listed with their employer."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from django.urls import reverse

from livrets.recevabilite.models import Period
from livrets.recevabilite.pdf import request_html
from selfcheck.answers import SESSION_RESULT
from tests.support.recevabilite import AF, EXPERIENCES


def words(page: str) -> str:
    page = re.sub(r"<script.*?</script>|<style.*?</style>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_start_page_lists_carried_over_periods_with_their_employer_du_au(
    client_of, referentials, candidate
):
    client = client_of(candidate)
    session = client.session
    session[SESSION_RESULT] = {"cqp": AF, "experiences": EXPERIENCES, "activities": []}
    session.save()
    page = words(client.get(reverse("recevabilite:start") + f"?cqp={AF}").text)
    assert "Assistante de formation chez Organisme Horizon" in page
    assert "depuis le 01/01/2022" in page  # still going
    assert "Trésorière chez Club de judo" in page
    assert "du 01/09/2019 au 30/06/2021" in page
    assert "jusqu" not in page


def test_whole_hours_read_35_on_the_period_form_and_in_the_pdf(client_of, af_request, candidate):
    period = af_request.periods.first()
    Period.objects.filter(pk=period.pk).update(weekly_hours=Decimal("35.0"))
    client = client_of(candidate)
    form = client.get(reverse("recevabilite:period", args=[af_request.pk, period.pk])).text
    assert re.search(r'name="weekly_hours"[^>]*value="35"', form)
    assert 'value="35.0"' not in form
    printed = words(request_html(af_request))
    assert "35 heures par semaine" in printed
    assert "35,0" not in printed and "35.0" not in printed
