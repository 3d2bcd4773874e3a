"""The audit, read-log and outbox models move to the engine's app, core (issue 24): their
tables stay where they are (``db_table``), so only Django's state changes here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('casemgmt', '0014_plausible_dates'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='auditevent',
                name='actor',
            ),
            migrations.RemoveField(
                model_name='auditevent',
                name='subject',
            ),
            migrations.DeleteModel(
                name='OutboxMessage',
            ),
            migrations.RemoveField(
                model_name='readevent',
                name='actor',
            ),
            migrations.DeleteModel(
                name='AuditEvent',
            ),
            migrations.DeleteModel(
                name='ReadEvent',
            ),
            ],
        ),
    ]
