"""Alerts store the code of their text and its values, rendered in the reader's language
(issue 23). The rows raised before get their code when their text is one of the six
known texts in any of the three languages; any other row reads as it was written."""

from django.db import migrations, models

#: the texts the services raised before the codes, by the code they now have
KNOWN = {
    "death_recorded": "A death in custody was recorded: refer it for an independent investigation.",
    "ill_treatment_after_admission": "A complaint of ill-treatment was recorded after admission.",
    "ill_treatment_at_reception": "A complaint of ill-treatment was recorded at reception.",
    "ill_treatment_in_complaint": "An allegation of torture or ill-treatment was made in a request or complaint.",
    "placement_after_correction": (
        "An identity correction puts a person in a unit of another category (Mandela Rule 11)."
    ),
    "urgent_health_at_reception": "An urgent health need was found at reception.",
}


def codes_for_old_rows(apps, schema_editor):
    from django.utils import translation

    Alert = apps.get_model("casemgmt", "Alert")
    for code, msgid in KNOWN.items():
        texts = {msgid}
        for language in ("ru", "tg", "en"):
            with translation.override(language):
                texts.add(translation.gettext(msgid))
        Alert.objects.filter(code="", message__in=texts).update(code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("casemgmt", "0012_outbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="alert",
            name="code",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="alert",
            name="params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(codes_for_old_rows, migrations.RunPython.noop),
    ]
