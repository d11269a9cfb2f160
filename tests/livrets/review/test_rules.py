"""The review's pure rules."""

from datetime import UTC, date, datetime, timedelta

from livrets.livret2.completeness import LivretContent, SituationContent
from livrets.review import rules

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
CONTENT = LivretContent(
    answers={("motivation", "raisons"): "Parce que.", ("motivation", "points_forts"): "L'écoute."},
    situations=(SituationContent(7, "activite-1", {"titre": "Accueil", "contexte": "Une CAF"}),),
)


def test_token_is_stored_hashed_and_compared():
    digest = rules.hash_token("secret")
    assert len(digest) == 64 and "secret" not in digest
    assert rules.token_matches("secret", digest) and not rules.token_matches("autre", digest)


def test_invitation_states():
    later = NOW + timedelta(days=14)
    state = rules.invitation_state
    assert state(accepted_at=None, revoked_at=None, expires_at=later, now=NOW) == rules.PENDING
    assert state(accepted_at=None, revoked_at=None, expires_at=later, now=later) == rules.EXPIRED
    assert state(accepted_at=NOW, revoked_at=None, expires_at=later, now=later) == rules.ACTIVE
    assert state(accepted_at=NOW, revoked_at=NOW, expires_at=later, now=NOW) == rules.REVOKED
    assert rules.can_accept(rules.PENDING) and not rules.can_accept(rules.ACTIVE)


def test_anchored_text_for_each_kind_of_anchor():
    text = rules.anchored_text
    assert text(CONTENT, section="motivation", situation_id=None, key="raisons") == "Parce que."
    assert text(CONTENT, section="motivation", situation_id=None, key="") == (
        "L'écoute.\n\nParce que."
    )
    assert text(CONTENT, section="activite-1", situation_id=7, key="titre") == "Accueil"
    assert text(CONTENT, section="activite-1", situation_id=7, key="") == "Accueil\n\nUne CAF"
    assert text(CONTENT, section="activite-1", situation_id=99, key="titre") == ""
    assert text(CONTENT, section="", situation_id=None, key="") == ""


def test_text_changed_ignores_surrounding_whitespace():
    assert not rules.text_changed("Texte", "Texte \n")
    assert rules.text_changed("Texte", "Texte modifié")


def test_attention_order():
    def a(**kw):
        base = {
            "finalised_unread": False,
            "changed_unread": False,
            "open_comments": 0,
            "due_on": None,
            "updated_at": NOW,
        }
        return rules.Attention(**{**base, **kw})

    quiet, due, changed, finalised = (
        a(),
        a(due_on=date(2026, 4, 1)),
        a(changed_unread=True),
        a(finalised_unread=True),
    )
    ordered = sorted([quiet, due, changed, finalised], key=rules.attention_key)
    assert ordered == [finalised, changed, due, quiet]


def test_at_most_one_email_an_hour():
    assert rules.may_send(last_sent_at=None, now=NOW)
    assert not rules.may_send(last_sent_at=NOW - timedelta(minutes=59), now=NOW)
    assert rules.may_send(last_sent_at=NOW - timedelta(hours=1), now=NOW)


def test_due_date_from_the_jury_session():
    assert rules.livret_due_on(jury_on=date(2026, 6, 20), months_before_jury=1) == date(2026, 5, 20)
    assert rules.livret_due_on(jury_on=None, months_before_jury=1) is None
