"""What the desk holds of a person. As a candidate: the history of their requests at the
certifier's desk (deposits, decisions). As a certifier's staff member: the CQPs and roles they
are named for, and what they did at the desk."""

from __future__ import annotations

from livrets.desk.models import (
    ApiToken,
    Assignment,
    DecisionLetter,
    DeskEvent,
    EvaluationMark,
    EvaluationNote,
    GapFinding,
    JurySession,
    Seat,
    StaffMembership,
)
from portal.accounts.personal_data import iso, person
from portal.accounts.registry import PersonalData, Section, StoredFile, register


def letter_archive_name(letter: DecisionLetter) -> str:
    return f"fichiers/bureau-lettres/{letter.pk}-{letter.name}"


def _letter(e: DeskEvent, *, in_archive: bool) -> dict | None:
    """The decision's letter; its file is in the archive of the candidate's export only."""
    letter = e.sent_letter
    if letter is None:
        return None
    return {
        "nom": letter.name,
        "type": letter.kind,
        "taille": letter.size,
        "jointe_le": iso(letter.uploaded_at),
        "fichier": letter_archive_name(letter) if in_archive else None,
    }


def _event(e: DeskEvent, *, own: bool) -> dict:
    return {
        "candidature": str(e.candidature.public_id),
        "cqp": e.candidature.cqp.slug,
        "action": e.get_action_display(),
        "par": person(e.actor) or None,
        "le": iso(e.at),
        "avant": e.before,
        "apres": e.after,
        "lettre": _letter(e, in_archive=own),
    }


def _token(t: ApiToken) -> dict:
    """A certifiers' API token the person issued (never the token itself: only its hash is
    kept)."""
    return {
        "systeme": t.name,
        "debut_du_jeton": t.prefix,
        "cqp": sorted(c.slug for c in t.cqps.all()),
        "cree_le": iso(t.created_at),
        "revoque_le": iso(t.revoked_at),
        "dernier_usage": iso(t.last_used_at),
    }


def _jury_sections(user) -> list[Section]:
    """The candidate's convocations to a jury session; the sessions a staff member created."""
    seats = Seat.objects.filter(candidature__owner=user).select_related(
        "session", "candidature__cqp"
    )
    created = JurySession.objects.filter(created_by=user).select_related("cqp").order_by("pk")
    return [
        Section(
            "bureau_convocations",
            "Mes convocations à une session du jury",
            [
                {
                    "candidature": str(s.candidature.public_id),
                    "cqp": s.candidature.cqp.slug,
                    "session": iso(s.session.held_on),
                    "lieu": s.session.place,
                    "le": iso(s.at),
                }
                for s in seats
            ],
        ),
        Section(
            "bureau_sessions_creees",
            "Les sessions du jury que j’ai créées",
            [{"cqp": j.cqp.slug, "date": iso(j.held_on), "lieu": j.place} for j in created] or None,
        ),
    ]


def _grading(user) -> list[dict]:
    """What an evaluator wrote in the grids: marks and texts, with their candidature."""
    marks = EvaluationMark.objects.filter(author=user).select_related("candidature__cqp")
    notes = EvaluationNote.objects.filter(author=user).select_related("candidature__cqp")
    out = [
        {
            "candidature": str(m.candidature.public_id),
            "cqp": m.candidature.cqp.slug,
            "code": m.code,
            "colonne": m.get_column_display(),
            "valeur": m.value,
            "le": iso(m.at),
        }
        for m in marks.order_by("pk")
    ]
    out += [
        {
            "candidature": str(n.candidature.public_id),
            "cqp": n.candidature.cqp.slug,
            "unite": n.unit_code,
            "texte": n.kind,
            "contenu": n.text,
            "le": iso(n.at),
        }
        for n in notes.order_by("pk")
    ]
    return out


def _gaps_section(user) -> Section:
    """004: the commission's analysis of the gaps on the person's requests."""
    gaps = (
        GapFinding.objects.filter(candidature__owner=user)
        .select_related("candidature__cqp")
        .order_by("pk")
    )
    return Section(
        "bureau_analyse_des_ecarts",
        "L'analyse des écarts de la commission de recevabilité",
        [
            {
                "candidature": str(g.candidature.public_id),
                "cqp": g.candidature.cqp.slug,
                "activite": g.unit,
                "ecart": g.gap,
                "recommandations": g.recommendations,
                "le": iso(g.recorded_on),
            }
            for g in gaps
        ],
    )


class Desk(PersonalData):
    label = "bureau"
    held = (
        "Le bureau du certificateur : l’historique de vos demandes déposées sur le portail "
        "(dépôts, décisions, leurs motifs et les lettres du certificateur) ; pour le "
        "personnel d’un certificateur, ses rôles et ce qu’il y a fait."
    )
    purpose = "Transmettre votre demande au certificateur et vous donner sa réponse."
    readers = "Vous, et le personnel du certificateur de votre CQP une fois votre demande déposée."
    order = 45
    models = (
        "desk.StaffMembership",
        "desk.DeskEvent",
        "desk.DecisionLetter",
        "desk.Assignment",
        "desk.ApiToken",
        "desk.JurySession",
        "desk.Seat",
        "desk.EvaluationMark",
        "desk.EvaluationNote",
        "desk.GapFinding",
    )

    def sections(self, user) -> list[Section]:
        own = (
            DeskEvent.objects.filter(candidature__owner=user)
            .select_related("candidature__cqp", "actor", "letter")
            .order_by("pk")
        )
        done = (
            DeskEvent.objects.filter(actor=user)
            .exclude(candidature__owner=user)
            .select_related("candidature__cqp", "actor", "letter")
            .order_by("pk")
        )
        roles = StaffMembership.objects.filter(user=user).select_related("cqp").order_by("pk")
        assigned = (
            Assignment.objects.filter(evaluator=user)
            .select_related("candidature__cqp")
            .order_by("pk")
        )
        graded = _grading(user)
        issued = ApiToken.objects.filter(created_by=user).prefetch_related("cqps").order_by("pk")
        return [
            *_jury_sections(user),
            _gaps_section(user),
            Section(
                "bureau_historique",
                "Mes demandes au bureau du certificateur",
                [_event(e, own=True) for e in own],
            ),
            Section(
                "bureau_personnel",
                "Mon rôle au bureau d’un certificateur",
                {
                    "roles": [{"cqp": m.cqp.slug, "role": m.role_label} for m in roles],
                    "actions": [_event(e, own=False) for e in done],
                    "candidatures_attribuees": [
                        {
                            "candidature": str(a.candidature.public_id),
                            "cqp": a.candidature.cqp.slug,
                            "le": iso(a.at),
                        }
                        for a in assigned
                    ],
                    "grilles_d_evaluation": graded,
                    "jetons_api_crees": [_token(t) for t in issued],
                }
                if roles or done or assigned or graded or issued
                else None,
            ),
        ]

    def files(self, user):
        """The certifier's letters to the person's requests (a staff member's export names
        the letters they sent, without the candidates' files)."""
        letters = DecisionLetter.objects.filter(event__candidature__owner=user).order_by("pk")
        for letter in letters:
            yield StoredFile(letter_archive_name(letter), letter.file)

    def erase(self, user) -> None:
        from livrets.desk.services import delete_letters_of

        delete_letters_of(user)


register(Desk())
