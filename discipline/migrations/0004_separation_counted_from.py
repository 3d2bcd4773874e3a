"""Rule 44 counts consecutive days apart across adjoining periods: ``counted_from`` is the
start of the count (the start itself for the periods recorded so far)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0003_appeal_days_and_regime_separation"),
    ]

    operations = [
        migrations.AddField(
            model_name="separation",
            name="counted_from",
            field=models.DateTimeField(editable=False, null=True, verbose_name="days apart counted from"),
        ),
        migrations.RunSQL(
            "UPDATE discipline_separation SET counted_from = started_at", reverse_sql=migrations.RunSQL.noop
        ),
        migrations.AlterField(
            model_name="separation",
            name="counted_from",
            field=models.DateTimeField(editable=False, verbose_name="days apart counted from"),
        ),
    ]
