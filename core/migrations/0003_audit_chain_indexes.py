"""The two audit chains lose the indexes that other indexes already serve (issue #25).

Every page that shows prisoner data appends a read event, so each index on
``casemgmt_readevent`` is written on every request. Three kinds were written for nothing:

- the foreign key's own index on ``actor_id`` (and on the change log's ``subject_id``),
  which ``read_actor_recent`` / ``audit_actor_recent`` / ``audit_subject_recent`` lead with;
- the ``varchar_pattern_ops`` twin that ``unique=True`` adds to a CharField, for
  ``LIKE 'prefix%'`` searches nobody runs on a hash.

In the state, the foreign keys say ``db_index=False`` and ``row_hash``'s uniqueness becomes a
constraint named as the table's existing one, so the database keeps that constraint as it is.
The indexes go with ``DROP INDEX CONCURRENTLY`` (no lock that stops the appends; the
migration is not atomic for that); their names are Django's, computed as it made them.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

#: (table, column, suffix) of each index dropped; the suffix "_like" is the pattern twin
DROPPED = [
    ("casemgmt_readevent", "actor_id", ""),
    ("casemgmt_readevent", "row_hash", "_like"),
    ("casemgmt_auditevent", "actor_id", ""),
    ("casemgmt_auditevent", "subject_id", ""),
    ("casemgmt_auditevent", "row_hash", "_like"),
]


def _name(schema_editor: BaseDatabaseSchemaEditor, table: str, column: str, suffix: str) -> str:
    editor: Any = schema_editor  # Django's own namer, which the stubs do not describe
    return str(editor._create_index_name(table, [column], suffix=suffix))


def drop(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    quote = schema_editor.quote_name
    for table, column, suffix in DROPPED:
        schema_editor.execute(
            f"DROP INDEX CONCURRENTLY IF EXISTS {quote(_name(schema_editor, table, column, suffix))}"
        )


def make_again(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    quote = schema_editor.quote_name
    for table, column, suffix in DROPPED:
        ops = " varchar_pattern_ops" if suffix == "_like" else ""
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {quote(_name(schema_editor, table, column, suffix))}"
            f" ON {quote(table)} ({quote(column)}{ops})"
        )


def _unindexed_user() -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        blank=True,
        db_index=False,
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
        verbose_name="who",
    )


class Migration(migrations.Migration):
    atomic = False  # DROP INDEX CONCURRENTLY runs outside a transaction

    dependencies = [
        ("casemgmt", "0018_prisoner_facility_unit_names"),
        ("core", "0002_grant_tally"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name="auditevent", name="actor", field=_unindexed_user()),
                migrations.AlterField(
                    model_name="auditevent",
                    name="subject",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="casemgmt.prisoner",
                        verbose_name="prisoner",
                    ),
                ),
                migrations.AlterField(model_name="readevent", name="actor", field=_unindexed_user()),
                migrations.AlterField(
                    model_name="auditevent",
                    name="row_hash",
                    field=models.CharField(editable=False, max_length=64),
                ),
                migrations.AlterField(
                    model_name="readevent",
                    name="row_hash",
                    field=models.CharField(editable=False, max_length=64),
                ),
                migrations.AddConstraint(
                    model_name="auditevent",
                    constraint=models.UniqueConstraint(
                        fields=("row_hash",), name="casemgmt_auditevent_row_hash_key"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="readevent",
                    constraint=models.UniqueConstraint(
                        fields=("row_hash",), name="casemgmt_readevent_row_hash_key"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop, make_again)],
        ),
    ]
