import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("candidatures", "0002_carry_over"),
        ("jury", "0002_jurydecision_candidature"),
    ]

    operations = [
        migrations.AlterField(
            model_name="jurydecision",
            name="candidature",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="jury_decisions", to="candidatures.candidature"),
        ),
    ]
