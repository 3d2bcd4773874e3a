"""The audit chain's head, read after the writers' lock is taken (issue #11).

``SELECT pg_advisory_xact_lock(k), (SELECT row_hash ... ORDER BY id DESC LIMIT 1)``
read the head with the snapshot the statement took *before* it waited for the lock,
so two writers at the same moment chained to the same previous row (found by the
load run of ``make bench``). In a VOLATILE PL/pgSQL function each statement takes
its own snapshot: the head is read after the lock, still in one round trip.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION casemgmt_audit_chain_head(lock_key bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN (SELECT row_hash FROM casemgmt_auditevent ORDER BY id DESC LIMIT 1);
END;
$$;
"""

DROP = "DROP FUNCTION IF EXISTS casemgmt_audit_chain_head(bigint);"


class Migration(migrations.Migration):
    dependencies = [("casemgmt", "0007_alter_auditevent_action")]

    operations = [migrations.RunSQL(CREATE, DROP)]
