"""One opinion vocabulary (livrets.candidatures.opinions.Opinion): a request comment's opinion takes
the codes of the livret's section reviews, "pret" becoming "ready" and "a_revoir" "rework"."""

from django.db import migrations, models

FORWARD = {"pret": "ready", "a_revoir": "rework"}
BACKWARD = {new: old for old, new in FORWARD.items()}


def _convert(mapping):
    def convert(apps, schema_editor):
        comments = apps.get_model("recevabilite", "RequestComment").objects
        for old, new in mapping.items():
            comments.filter(opinion=old).update(opinion=new)

    return convert


class Migration(migrations.Migration):
    dependencies = [
        ("recevabilite", "0003_dates_on_candidature"),
    ]

    operations = [
        migrations.AlterField(
            model_name="requestcomment",
            name="opinion",
            field=models.CharField(blank=True, choices=[("rework", "À retravailler"), ("ready", "Prêt")], max_length=10),
        ),
        migrations.RunPython(_convert(FORWARD), _convert(BACKWARD), elidable=False),
    ]
