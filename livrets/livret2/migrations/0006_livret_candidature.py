import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("livrets", "0005_exempt_sections"),
        ("candidatures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="livret",
            name="candidature",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="livrets", to="candidatures.candidature"),
        ),
    ]
