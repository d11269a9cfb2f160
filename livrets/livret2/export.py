"""Everything the portal holds about a person, as JSON plus their files, in one streamed zip.

The person's account, their livrets (texts, revisions, documents, journey dates, the
invitations they sent and every comment and opinion on them), and what they did as an
accompagnateur (invitations received, comments and replies written, opinions given), and
their notification preferences. The zip is written as it is sent: files are copied in
chunks, never the whole archive in memory.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator

from livrets.livret2.models import Livret
from livrets.review.models import Comment, Invitation, NotificationPreference, SectionReview

CHUNK = 256 * 1024


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _archive_name(livret, document) -> str:
    return f"fichiers/livret-{livret.pk}/{document.pk}-{document.name}"


def _person(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def _comment(c: Comment) -> dict:
    return {
        "id": c.pk,
        "livret": c.livret_id,
        "auteur": _person(c.author),
        "en_reponse_a": c.parent_id,
        "partie": c.section_code,
        "situation": c.situation_id,
        "champ": c.field_key,
        "texte_commente": c.anchored_text,
        "commentaire": c.body,
        "le": _iso(c.created_at),
        "resolu_le": _iso(c.resolved_at),
    }


def _review(r: SectionReview) -> dict:
    return {
        "livret": r.livret_id,
        "partie": r.section_code,
        "avis": r.get_status_display(),
        "par": _person(r.set_by),
        "le": _iso(r.updated_at),
    }


def _invitation(i: Invitation, *, sent: bool) -> dict:
    data = {
        "livret": i.livret_id,
        "organisme": i.organisation,
        "envoyee_le": _iso(i.created_at),
        "expire_le": _iso(i.expires_at),
        "acceptee_le": _iso(i.accepted_at),
        "retiree_le": _iso(i.revoked_at),
    }
    if sent:
        data["adresse_invitee"] = i.email
        data["accompagnateur"] = _person(i.reviewer)
    else:
        data["candidat"] = _person(i.livret.owner)
        data["derniere_lecture"] = _iso(i.last_reviewed_at)
    return data


def _livret(livret: Livret) -> dict:
    return {
        "id": livret.pk,
        "cqp": livret.cqp.slug,
        "intitule": livret.referential_version.title,
        "version_du_referentiel": livret.referential_version.referential.version_label or None,
        "version_du_livret": livret.number,
        "statut": livret.get_status_display(),
        "cree_le": livret.created_at.isoformat(),
        "finalise_le": _iso(livret.finalised_at),
        "declaration": {
            "nom": livret.sworn_name,
            "date": _iso(livret.sworn_on),
            "lieu": livret.sworn_place,
        },
        "parcours": {
            "demande_recevabilite": _iso(livret.candidature.request_sent_on),
            "reception_demande_recevabilite": _iso(livret.candidature.request_received_on),
            "notification_recevabilite": _iso(livret.candidature.notified_on),
            "session_jury": _iso(livret.candidature.jury_on),
        },
        "situations": [
            {"id": s.pk, "partie": s.section_code, "position": s.position}
            for s in livret.situations.all()
        ],
        "reponses": [
            {
                "partie": a.section_code,
                "situation": a.situation_id,
                "champ": a.field_key,
                "texte": a.text,
                "version": a.version,
                "revisions": [
                    {"version": r.version, "texte": r.text, "le": r.created_at.isoformat()}
                    for r in a.revisions.all()
                ],
            }
            for a in livret.answers.all()
        ],
        "documents": [
            {
                "nom": d.name,
                "partie": d.section_code,
                "situation": d.situation_id,
                "taille": d.size,
                "fichier": _archive_name(livret, d),
            }
            for d in livret.documents.all()
        ],
        "invitations": [_invitation(i, sent=True) for i in livret.invitations.all()],
        "commentaires": [_comment(c) for c in livret.comments.all()],
        "avis": [_review(r) for r in livret.section_reviews.all()],
    }


def export_data(user) -> dict:
    from livrets.recevabilite.export import export_data as recevabilite_data

    livrets = (
        Livret.objects.filter(owner=user)
        .select_related("referential_version", "cqp", "candidature")
        .prefetch_related(
            "situations",
            "answers__revisions",
            "documents",
            "invitations__reviewer",
            "comments__author",
            "section_reviews__set_by",
        )
        .order_by("pk")
    )
    preference = NotificationPreference.objects.filter(user=user).first()
    followed = Invitation.objects.filter(reviewer=user).select_related("livret__owner")
    written = Comment.objects.filter(author=user).exclude(livret__owner=user)
    given = SectionReview.objects.filter(set_by=user).exclude(livret__owner=user)
    return {
        **recevabilite_data(user),
        "compte": {
            "email": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "inscrit_le": user.date_joined.isoformat(),
        },
        "preferences": {
            "prevenir_en_tant_que_candidat": preference.as_candidate if preference else True,
            "prevenir_en_tant_qu_accompagnateur": preference.as_reviewer if preference else True,
        },
        "livrets": [_livret(livret) for livret in livrets],
        "accompagnement": {
            "invitations_recues": [_invitation(i, sent=False) for i in followed.order_by("pk")],
            "commentaires_ecrits": [
                _comment(c) for c in written.select_related("author").order_by("pk")
            ],
            "avis_donnes": [_review(r) for r in given.select_related("set_by").order_by("pk")],
        },
    }


class _Sink:
    """A write-only file for ``zipfile``: keeps what was written until it is taken."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


def export_stream(user) -> Iterator[bytes]:
    """The zip, piece by piece: ``donnees.json`` then each file, copied in chunks."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        data = json.dumps(export_data(user), ensure_ascii=False, indent=2)
        archive.writestr("donnees.json", data)
        yield sink.take()
        livrets = Livret.objects.filter(owner=user).prefetch_related("documents").order_by("pk")
        for livret in livrets:
            for document in livret.documents.all():
                with (
                    document.file.open("rb") as source,
                    archive.open(_archive_name(livret, document), "w", force_zip64=True) as target,
                ):
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
                        yield sink.take()
        from livrets.recevabilite.export import files

        for name, proof in files(user):
            with (
                proof.file.open("rb") as source,
                archive.open(name, "w", force_zip64=True) as target,
            ):
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    yield sink.take()
    yield sink.take()
