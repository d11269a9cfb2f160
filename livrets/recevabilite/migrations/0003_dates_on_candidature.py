import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("candidatures", "0002_carry_over"),
        ("recevabilite", "0002_request_candidature"),
    ]

    operations = [
        migrations.RemoveField(model_name="request", name="sent_on"),
        migrations.RemoveField(model_name="request", name="received_on"),
        migrations.RemoveField(model_name="request", name="decision"),
        migrations.RemoveField(model_name="request", name="decided_on"),
        migrations.AlterField(
            model_name="request",
            name="candidature",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="request", to="candidatures.candidature"),
        ),
    ]
