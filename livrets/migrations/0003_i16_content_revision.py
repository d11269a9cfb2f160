from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("livrets", "0002_sworn_place"),
    ]

    operations = [
        migrations.AddField(
            model_name="livret",
            name="content_revision",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]
