"""A starting catalogue of offences and sanctions (administrators edit it in /admin/).

The offences name the internal rules of procedure of the facility as their regulation
(Rule 37); a serious offence needs legal assistance at the hearing (Rule 41(3)). The
sanctions carry their maximum duration; cell confinement is at most 15 days (Rule 44)."""

from django.db import migrations

OFFENCES = [
    ("assault", "Assault on another person", "Internal rules, art. 12", True),
    ("threat", "Threatening behaviour", "Internal rules, art. 13", False),
    ("contraband", "Possession of a prohibited item", "Internal rules, art. 15", False),
    ("phone", "Possession of a mobile phone or SIM card", "Internal rules, art. 15(2)", False),
    ("drugs", "Possession or use of drugs", "Internal rules, art. 16", True),
    ("damage", "Damage to property", "Internal rules, art. 18", False),
    ("refusal", "Refusal to obey a lawful order", "Internal rules, art. 20", False),
    ("escape", "Attempted escape", "Internal rules, art. 22", True),
]
SANCTIONS = [
    ("caution", "Caution", "caution", None),
    ("privileges", "Loss of privileges (shop, parcels)", "privileges", 30),
    ("earnings", "Deduction of earnings", "earnings", 28),
    ("extra_work", "Extra cleaning work", "extra_work", 14),
    ("cell_confinement", "Confinement to a disciplinary cell", "confinement", 15),
]


def forward(apps, schema_editor):
    Offence = apps.get_model("discipline", "Offence")
    SanctionKind = apps.get_model("discipline", "SanctionKind")
    for code, name, regulation, serious in OFFENCES:
        Offence.objects.get_or_create(code=code, defaults={"name": name, "regulation": regulation, "serious": serious})
    for code, name, category, max_days in SANCTIONS:
        SanctionKind.objects.get_or_create(code=code, defaults={"name": name, "category": category, "max_days": max_days})


class Migration(migrations.Migration):
    dependencies = [("discipline", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
