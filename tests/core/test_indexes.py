"""No table of the project carries an index that another index already serves.

Every index is written by every insert into its table and kept on disk and in memory: a
foreign key's own index beside a composite index that starts with the same column is the
composite's work done twice (58 on the 100,000 set, ~50 MB: the grants, the case notes, the
movements). The audit chains are held to more (core migration 0003): every page that shows
prisoner data appends to the read chain, so neither carries a ``pattern_ops`` twin of an
index either (elsewhere such a twin serves ``LIKE 'x%'`` under a database collation other
than ``C``: the README asks only for a UTF-8 ctype).
"""

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

CHAINS = ["casemgmt_readevent", "casemgmt_auditevent"]

#: the project's own apps (the tables of Django's and the libraries' are theirs to index)
OWN_APPS = {
    "core", "casemgmt", "accounts", "intake", "classification", "casework", "rehabilitation",
    "notifications", "custody", "reports", "auditlog", "complaints", "family", "discipline",
    "legal", "documents", "demodata",
}  # fmt: skip


def _own_tables():
    """Tables of the project's models (a many-to-many table Django makes itself has the
    indexes Django gives it: its foreign key's beside the pair's uniqueness)."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in OWN_APPS and model._meta.managed and not model._meta.proxy
    )


INDEXES = """
SELECT ic.relname, am.amname, i.indisunique, pg_get_indexdef(i.indexrelid),
       (SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum),
       (SELECT array_agg(o.opcname ORDER BY k.n) FROM unnest(i.indclass) WITH ORDINALITY k(opclass, n)
          JOIN pg_opclass o ON o.oid = k.opclass),
       i.indpred IS NOT NULL OR i.indexprs IS NOT NULL
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = %s::regclass
"""


def _indexes(table):
    with connection.cursor() as cursor:
        cursor.execute(INDEXES, [table])
        return cursor.fetchall()


def _served_twice(indexes):
    """Each plain btree index (not unique, not partial, not of an expression) whose columns,
    with their operator classes, lead another btree index that is not partial: that other
    index answers every lookup it answers."""
    for name, method, unique, _, columns, classes, special in indexes:
        if method != "btree" or unique or special:
            continue
        longer = [
            other
            for other, other_method, _, _, other_columns, other_classes, other_special in indexes
            if other != name
            and other_method == "btree"
            and not other_special
            and other_columns[: len(columns)] == columns
            and other_classes[: len(classes)] == classes
        ]
        if longer:
            yield f"{name} {columns} is served by {longer}"


@pytest.mark.django_db
def test_no_index_of_the_project_is_served_by_another():
    tables = _own_tables()
    assert "casework_casenote" in tables and "custody_movement" in tables and len(tables) > 60
    twice = [line for table in tables for line in _served_twice(_indexes(table))]
    assert twice == []


@pytest.mark.django_db
def test_the_check_finds_an_index_served_by_another():
    """The check above can fail: a foreign key's own index beside a composite index."""
    with connection.cursor() as cursor:
        cursor.execute('CREATE INDEX extra_note_prisoner ON "casework_casenote" ("prisoner_id")')
    assert [line for line in _served_twice(_indexes("casework_casenote")) if "extra_note_prisoner" in line]


@pytest.mark.django_db
@pytest.mark.parametrize("table", CHAINS)
def test_the_chains_carry_no_twin(table):
    indexes = _indexes(table)
    assert len(indexes) >= 4  # the key, the hash's uniqueness, the time, the actor's (and more)
    for name, _, _, definition, *_ in indexes:
        assert "pattern_ops" not in definition, name
    assert list(_served_twice(indexes)) == []


@pytest.mark.django_db
def test_the_hash_stays_unique():
    with connection.cursor() as cursor:
        columns = (
            "at, actor_label, route, method, path, query, subjects, records, reason, request_id, prev_hash"
        )
        row = "now(), 'x', '', 'GET', '', '', '{}', '{}', '', '', ''"
        cursor.execute(f"INSERT INTO casemgmt_readevent ({columns}, row_hash) VALUES ({row}, 'same')")  # noqa: S608
        with pytest.raises(IntegrityError), transaction.atomic():
            cursor.execute(f"INSERT INTO casemgmt_readevent ({columns}, row_hash) VALUES ({row}, 'same')")  # noqa: S608
