import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("referentials", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Candidature",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("selfcheck", models.JSONField(blank=True, default=dict, verbose_name="vérification d'éligibilité")),
                ("request_sent_on", models.DateField(blank=True, null=True, verbose_name="envoi de la demande de recevabilité")),
                ("request_received_on", models.DateField(blank=True, null=True, verbose_name="réception de la demande de recevabilité")),
                ("decision", models.CharField(blank=True, choices=[("favourable", "Favorable"), ("defavorable", "Défavorable"), ("sans_reponse", "Pas de réponse")], max_length=16, verbose_name="décision de recevabilité")),
                ("decision_on", models.DateField(blank=True, null=True, verbose_name="date de la décision de recevabilité")),
                ("jury_on", models.DateField(blank=True, null=True, verbose_name="session du jury")),
                ("cqp", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="referentials.cqp")),
                ("decision_recorded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="candidatures", to=settings.AUTH_USER_MODEL)),
            ],
            options={"ordering": ["-updated_at"]},
        ),
        migrations.AddConstraint(
            model_name="candidature",
            constraint=models.UniqueConstraint(fields=("owner", "cqp"), name="one_candidature_per_cqp"),
        ),
    ]
