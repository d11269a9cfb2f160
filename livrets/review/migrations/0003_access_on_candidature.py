import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("candidatures", "0002_carry_over"),
        ("review", "0002_invitation_candidature"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="invitation", name="one_active_access_per_reviewer"),
        migrations.AlterField(
            model_name="invitation",
            name="candidature",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="candidatures.candidature"),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.UniqueConstraint(condition=models.Q(("reviewer__isnull", False), ("revoked_at__isnull", True)), fields=("candidature", "reviewer"), name="one_active_access_per_reviewer"),
        ),
    ]
