from datetime import date, timedelta
import re, pytest
from django.urls import reverse
from django.utils import timezone
from livrets.candidatures.deadlines import Facts
from livrets.recevabilite import services as request_services
from tests.support.data import make_candidate
from tests.support.recevabilite import COS, IAS, AF, complete, start

pytestmark = pytest.mark.django_db

def text(html):
    html = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

@pytest.mark.parametrize("slug", [COS, IAS, AF])
def test_dump(client, referentials, slug):
    c = make_candidate("a@example.fr")
    rq = start(c, slug); complete(rq)
    today = timezone.localdate()
    request_services.finalise(request=rq, sworn_name="A M", sworn_place="Lyon", sworn_on=today)
    client.force_login(c)
    for name, facts in [("nosreceipt", Facts(sent_on=today - timedelta(days=70), decision="sans_reponse")),
                        ("fav_nodate", Facts(sent_on=today - timedelta(days=70), received_on=today-timedelta(days=60), decision="favourable")),
                        ("silence", Facts(sent_on=today - timedelta(days=80), received_on=today-timedelta(days=75), decision="sans_reponse")),
                        ("fav", Facts(sent_on=today - timedelta(days=80), received_on=today-timedelta(days=75), decision="favourable", decision_on=today-timedelta(days=10)))]:
        try:
            request_services.record_answer(request=rq, facts=facts, by=c, today=today)
        except Exception as e:
            print(name, "ERR", e); continue
        for url in ("recevabilite:answer",):
            open(f"/tmp/d23/{slug}-{name}-answer.txt", "w").write(text(client.get(reverse(url, args=[rq.pk])).text))
        open(f"/tmp/d23/{slug}-{name}-demarches.txt", "w").write(text(client.get(reverse("candidatures:demarches")).text))
