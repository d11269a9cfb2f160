"""The model ``Request`` becomes ``RecevabiliteRequest`` (no model named like an HTTP object).
Its table keeps its name, ``recevabilite_request``: the table is pinned first (the name it
already has, so nothing happens in the database), then the model is renamed, which leaves the
table and its rows as they are; the content type follows the new name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("recevabilite", "0004_one_opinion_vocabulary"),
    ]

    operations = [
        migrations.AlterModelTable(name="request", table="recevabilite_request"),
        migrations.RenameModel(old_name="Request", new_name="RecevabiliteRequest"),
    ]
