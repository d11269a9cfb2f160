"""The certifiers' API tokens, for a portal administrator on the server:

    python -m portal api_token create --nom "SI de la CPNEIS" --cqp assistant-industries-sante \
        --par admin@example.fr
    python -m portal api_token list
    python -m portal api_token revoke 3

The token is printed once, at its creation: only its SHA-256 is kept."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.referentials.models import Cqp
from livrets.desk import tokens
from livrets.desk.models import ApiToken


class Command(BaseCommand):
    help = "Crée, liste ou révoque les jetons de l'API des certificateurs."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Créer un jeton (affiché une seule fois).")
        create.add_argument("--nom", required=True, help="Le système du certificateur.")
        create.add_argument(
            "--cqp", action="append", required=True, help="Slug d'un CQP lu (répétable)."
        )
        create.add_argument("--par", required=True, help="Courriel de l'administrateur.")
        sub.add_parser("list", help="Lister les jetons.")
        revoke = sub.add_parser("revoke", help="Révoquer un jeton.")
        revoke.add_argument("id", type=int)

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, *, nom, cqp, par, **options):
        cqps = list(Cqp.objects.filter(slug__in=cqp))
        unknown = sorted(set(cqp) - {c.slug for c in cqps})
        if unknown:
            raise CommandError(f"CQP inconnu : {', '.join(unknown)}.")
        by = get_user_model().objects.filter(email__iexact=par).first()
        if by is None:
            raise CommandError(f"Aucun compte n'a le courriel {par}.")
        try:
            token, clear = tokens.issue(name=nom, cqps=cqps, by=by)
        except tokens.TokenError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Jeton n° {token.pk} créé pour « {token.name} » ({', '.join(cqp)}).")
        self.stdout.write("Copiez-le maintenant : il ne sera plus jamais affiché.")
        self.stdout.write(clear)

    def _list(self, **options):
        for t in ApiToken.objects.prefetch_related("cqps").select_related("created_by"):
            state = f"révoqué le {t.revoked_at:%d/%m/%Y}" if t.revoked_at else "en vigueur"
            used = f"{t.last_used_at:%d/%m/%Y %H:%M}" if t.last_used_at else "jamais"
            cqps = ", ".join(sorted(c.slug for c in t.cqps.all()))
            self.stdout.write(
                f"{t.pk}\t{t.prefix}…\t{t.name}\t{cqps}\t{state}\tdernier usage : {used}"
            )

    def _revoke(self, *, id, **options):
        token = ApiToken.objects.filter(pk=id).first()
        if token is None:
            raise CommandError(f"Aucun jeton n° {id}.")
        tokens.revoke(token)
        self.stdout.write(f"Jeton n° {token.pk} (« {token.name} ») révoqué.")
