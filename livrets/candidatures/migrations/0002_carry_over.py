"""Every existing livret, request, jury decision and invitation joins the one candidature of
its candidate and CQP, which takes over the dates each kept a copy of: the request's own
record first (the livrets only copied it), else the latest livret's."""

from django.db import migrations


def _first(rows, attr):
    return next((getattr(r, attr) for r in rows if getattr(r, attr)), None)


def _facts(request, livrets) -> dict:
    facts = {
        "request_sent_on": (request and request.sent_on) or _first(livrets, "recevabilite_requested_on"),
        "request_received_on": (request and request.received_on)
        or _first(livrets, "recevabilite_received_on"),
        "decision": request.decision if request else "",
        "decision_on": request.decided_on if request else None,
        "jury_on": _first(livrets, "jury_on"),
    }
    if not facts["decision"]:
        notified = _first(livrets, "recevabilite_notified_on")
        if notified:
            facts["decision"], facts["decision_on"] = "favourable", notified
    return facts


def carry_over(apps, schema_editor):
    Candidature = apps.get_model("candidatures", "Candidature")
    Livret = apps.get_model("livrets", "Livret")
    Request = apps.get_model("recevabilite", "Request")
    JuryDecision = apps.get_model("jury", "JuryDecision")
    Invitation = apps.get_model("review", "Invitation")
    pairs = set()
    for model in (Livret, Request, JuryDecision):
        pairs |= set(model.objects.values_list("owner_id", "cqp_id"))
    for owner_id, cqp_id in sorted(pairs):
        mine = {"owner_id": owner_id, "cqp_id": cqp_id}
        request = Request.objects.filter(**mine).first()
        livrets = list(Livret.objects.filter(**mine).order_by("-number"))
        candidature = Candidature.objects.create(**mine, **_facts(request, livrets))
        for model in (Livret, Request, JuryDecision):
            model.objects.filter(**mine).update(candidature=candidature)
        Invitation.objects.filter(
            livret__owner_id=owner_id, livret__cqp_id=cqp_id
        ).update(candidature=candidature)


def carry_back(apps, schema_editor):
    Candidature = apps.get_model("candidatures", "Candidature")
    Livret = apps.get_model("livrets", "Livret")
    Request = apps.get_model("recevabilite", "Request")
    for c in Candidature.objects.all():
        Request.objects.filter(candidature=c).update(
            sent_on=c.request_sent_on,
            received_on=c.request_received_on,
            decision=c.decision,
            decided_on=c.decision_on,
        )
        Livret.objects.filter(candidature=c).update(
            recevabilite_requested_on=c.request_sent_on,
            recevabilite_received_on=c.request_received_on,
            recevabilite_notified_on=c.decision_on if c.decision == "favourable" else None,
            jury_on=c.jury_on,
        )
    for model in (Livret, Request, apps.get_model("jury", "JuryDecision"), apps.get_model("review", "Invitation")):
        model.objects.update(candidature=None)
    Candidature.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("candidatures", "0001_initial"),
        ("livrets", "0006_livret_candidature"),
        ("recevabilite", "0002_request_candidature"),
        ("jury", "0002_jurydecision_candidature"),
        ("review", "0002_invitation_candidature"),
    ]

    operations = [migrations.RunPython(carry_over, carry_back)]
