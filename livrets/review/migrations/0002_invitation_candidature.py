import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("candidatures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="candidature",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="candidatures.candidature"),
        ),
    ]
