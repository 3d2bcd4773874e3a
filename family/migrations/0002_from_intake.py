"""Move the contacts and children taken at intake before this app existed into the
file's family records (idempotent: each intake record is copied once, by its id)."""

from django.db import migrations


def forward(apps, schema_editor):
    from family.intake_copy import copy_all

    copy_all(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("family", "0001_initial"),
        ("intake", "0003_information_step"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
