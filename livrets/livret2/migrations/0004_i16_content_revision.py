from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("livrets", "0003_i11_recevabilite_received_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="livret",
            name="content_revision",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]
