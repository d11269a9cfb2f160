from django.core.management.base import BaseCommand

from livrets.review.notifications import send_due_notifications


class Command(BaseCommand):
    help = "Envoie les courriels d'accompagnement en attente (au plus un par heure et livret)."

    def handle(self, *args, **options):
        sent = send_due_notifications()
        self.stdout.write(f"{sent} courriel(s) envoyé(s).")
