import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("candidatures", "0002_carry_over"),
        ("livrets", "0006_livret_candidature"),
    ]

    operations = [
        migrations.RemoveField(model_name="livret", name="recevabilite_requested_on"),
        migrations.RemoveField(model_name="livret", name="recevabilite_received_on"),
        migrations.RemoveField(model_name="livret", name="recevabilite_notified_on"),
        migrations.RemoveField(model_name="livret", name="jury_on"),
        migrations.AlterField(
            model_name="livret",
            name="candidature",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="livrets", to="candidatures.candidature"),
        ),
    ]
