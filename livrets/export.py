"""Everything the portal holds about a candidate, as JSON plus their files, in one zip."""

from __future__ import annotations

import io
import json
import zipfile

from .models import Livret


def export_data(user) -> dict:
    livrets = (
        Livret.objects.filter(owner=user)
        .select_related("referential_version", "cqp")
        .prefetch_related("situations", "answers__revisions", "documents")
        .order_by("pk")
    )
    return {
        "compte": {
            "email": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "inscrit_le": user.date_joined.isoformat(),
        },
        "livrets": [_livret_data(livret) for livret in livrets],
    }


def _livret_data(livret: Livret) -> dict:
    return {
        "id": livret.pk,
        "cqp": livret.cqp.slug,
        "intitule": livret.referential_version.title,
        "version_du_referentiel": livret.referential_version.referential.version_label or None,
        "version_du_livret": livret.number,
        "statut": livret.get_status_display(),
        "cree_le": livret.created_at.isoformat(),
        "finalise_le": livret.finalised_at.isoformat() if livret.finalised_at else None,
        "declaration": {
            "nom": livret.sworn_name,
            "date": livret.sworn_on.isoformat() if livret.sworn_on else None,
            "lieu": livret.sworn_place,
        },
        "parcours": {
            "demande_recevabilite": _iso(livret.recevabilite_requested_on),
            "reception_demande_recevabilite": _iso(livret.recevabilite_received_on),
            "notification_recevabilite": _iso(livret.recevabilite_notified_on),
            "session_jury": _iso(livret.jury_on),
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
    }


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _archive_name(livret, document) -> str:
    return f"fichiers/livret-{livret.pk}/{document.pk}-{document.name}"


def export_zip(user) -> bytes:
    data = export_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.json", json.dumps(data, ensure_ascii=False, indent=2))
        for livret in Livret.objects.filter(owner=user).prefetch_related("documents"):
            for document in livret.documents.all():
                with document.file.open("rb") as f:
                    archive.writestr(_archive_name(livret, document), f.read())
    return buffer.getvalue()
