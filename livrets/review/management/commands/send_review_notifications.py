from django.core.management.base import BaseCommand

from livrets.review.notifications import send_due_notifications
from portal import french


class Command(BaseCommand):
    help = "Envoie les courriels d'accompagnement en attente (au plus un par heure et livret)."

    def handle(self, *args, **options):
        sent = send_due_notifications()
        self.stdout.write(f"{french.count(sent, 'courriel')} {french.plural(sent, 'envoyé')}.")
