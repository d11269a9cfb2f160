"""Recevabilité request test data: the three CQPs, self-check periods, a request started and
completed through the services."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from livrets.recevabilite import services
from tests.support.data import version_of
from tests.support.uploads import PDF

AF, IAS, COS = "assistant-formation", "assistant-industries-sante", "conseiller-offres-services"

EXPERIENCES = [
    {
        "kind": "salarie",
        "title": "Assistante de formation",
        "organisation": "Organisme Horizon",
        "start": "2022-01-01",
        "end": None,
        "part_time_percent": 80,
        "related": True,
    },
    {
        "kind": "benevole",
        "title": "Trésorière",
        "organisation": "Club de judo",
        "start": "2019-09-01",
        "end": "2021-06-30",
        "part_time_percent": 20,
        "related": False,
    },
]


def start(owner, slug: str, experiences=EXPERIENCES):
    request, _ = services.start_request(
        owner=owner, version=version_of(slug), experiences=list(experiences)
    )
    return request


def complete(request) -> None:
    """Fill every required item of a request (identity, education, periods, proofs, count)."""
    services.save_profile(
        user=request.owner,
        data={
            "civilite": "madame",
            "nom": "Martin",
            "prenom": "Alice",
            "adresse": "1 rue de la Paix\n69001 Lyon",
            "telephone_portable": "0600000000",
            "email": "alice@example.fr",
            "naissance_date": date(1990, 5, 4),
            "naissance_lieu": "Lyon",
        },
    )
    form = services.selectors.form_of(request)
    career = {f.code: "oui" if f.choices else f"Réponse : {f.label}" for f in form.career}
    services.save_education(
        request=request,
        career=career,
        last_class="terminale",
        diplomas=["bac"],
        details={"bac": "Baccalauréat STMG"},
        # The national form's first part (000, 004); 002's own form does not ask it.
        validation_sought="" if form.is_own_form else "totale",
    )
    for period in request.periods.all():
        services.save_period(
            period=period,
            data={
                "title": period.title or "Assistante",
                "employer": period.employer or "Organisme",
                "sector": "Formation professionnelle",
                "weekly_hours": 28,
                "current": period.end is None,
            },
            activities={form.areas[0].code: "Suivi des conventions de formation."},
        )
        services.add_proof(
            request=request,
            upload=SimpleUploadedFile("bulletin.pdf", PDF),
            period=period,
        )
    if form.max_requests_per_year is not None:
        services.set_other_requests(request=request, count=0)
