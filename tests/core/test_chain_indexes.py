"""The audit chains carry no index that another index already serves (core migration 0003).

Every page that shows prisoner data appends to the read chain: each index on it is written on
every request.
"""

import pytest
from django.db import IntegrityError, connection, transaction

CHAINS = ["casemgmt_readevent", "casemgmt_auditevent"]

INDEXES = """
SELECT ic.relname, am.amname, i.indisunique, pg_get_indexdef(i.indexrelid),
       (SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = %s::regclass
"""


def _indexes(table):
    with connection.cursor() as cursor:
        cursor.execute(INDEXES, [table])
        return cursor.fetchall()


@pytest.mark.django_db
@pytest.mark.parametrize("table", CHAINS)
def test_no_index_another_serves(table):
    indexes = _indexes(table)
    assert len(indexes) >= 4  # the key, the hash's uniqueness, the time, the actor's (and more)
    for name, method, unique, definition, columns in indexes:
        assert "pattern_ops" not in definition, name
        if method != "btree" or unique:
            continue
        longer = [
            other
            for other, other_method, _, _, other_columns in indexes
            if other != name and other_method == "btree" and other_columns[: len(columns)] == columns
        ]
        assert not longer, f"{name} {columns} is served by {longer}"


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
