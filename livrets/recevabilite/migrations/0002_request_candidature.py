import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recevabilite", "0001_initial"),
        ("candidatures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="request",
            name="candidature",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="request", to="candidatures.candidature"),
        ),
    ]
