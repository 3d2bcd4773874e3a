"""Group grants counted by the database (``core.GrantTally``), and an index that answers
one file's group grants (issue #25).

Each statement that inserts, deletes or changes group grants adds, per group and
permission, one row of the difference it made; a TRUNCATE of the grants empties the tally.
Triggers per statement with transition tables: a load of a million grants adds a few
rows, not a million. ``core.querysets.rebuild_tallies`` recounts after the bench seed's
load, which runs with triggers off (``session_replication_role = replica``)."""

import django.db.models.deletion
from django.db import migrations, models

FUNCTION = """
CREATE FUNCTION casemgmt_prisoner_gperm_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO core_granttally (group_id, permission_id, files)
        SELECT group_id, permission_id, COUNT(*) FROM tally_new GROUP BY 1, 2;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO core_granttally (group_id, permission_id, files)
        SELECT group_id, permission_id, -COUNT(*) FROM tally_old GROUP BY 1, 2;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO core_granttally (group_id, permission_id, files)
        SELECT group_id, permission_id, SUM(n) FROM (
            SELECT group_id, permission_id, 1 AS n FROM tally_new
            UNION ALL SELECT group_id, permission_id, -1 FROM tally_old
        ) AS moved GROUP BY 1, 2 HAVING SUM(n) <> 0;
    ELSE
        DELETE FROM core_granttally;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER prisoner_gperm_tally_insert AFTER INSERT ON casemgmt_prisonergroupobjectpermission
    REFERENCING NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION casemgmt_prisoner_gperm_tally();
CREATE TRIGGER prisoner_gperm_tally_delete AFTER DELETE ON casemgmt_prisonergroupobjectpermission
    REFERENCING OLD TABLE AS tally_old FOR EACH STATEMENT EXECUTE FUNCTION casemgmt_prisoner_gperm_tally();
CREATE TRIGGER prisoner_gperm_tally_update AFTER UPDATE ON casemgmt_prisonergroupobjectpermission
    REFERENCING OLD TABLE AS tally_old NEW TABLE AS tally_new
    FOR EACH STATEMENT EXECUTE FUNCTION casemgmt_prisoner_gperm_tally();
CREATE TRIGGER prisoner_gperm_tally_truncate AFTER TRUNCATE ON casemgmt_prisonergroupobjectpermission
    FOR EACH STATEMENT EXECUTE FUNCTION casemgmt_prisoner_gperm_tally();
INSERT INTO core_granttally (group_id, permission_id, files)
SELECT group_id, permission_id, COUNT(*) FROM casemgmt_prisonergroupobjectpermission GROUP BY 1, 2;
"""

REVERSE = """
DROP TRIGGER prisoner_gperm_tally_insert ON casemgmt_prisonergroupobjectpermission;
DROP TRIGGER prisoner_gperm_tally_delete ON casemgmt_prisonergroupobjectpermission;
DROP TRIGGER prisoner_gperm_tally_update ON casemgmt_prisonergroupobjectpermission;
DROP TRIGGER prisoner_gperm_tally_truncate ON casemgmt_prisonergroupobjectpermission;
DROP FUNCTION casemgmt_prisoner_gperm_tally();
DELETE FROM core_granttally;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('casemgmt', '0016_prisoner_unit_status'),
        ('core', '0002_grant_tally'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='prisonergroupobjectpermission',
            index=models.Index(fields=['content_object', 'permission', 'group'], name='prisoner_gperm_probe'),
        ),
        migrations.AlterField(
            model_name='prisonergroupobjectpermission',
            name='content_object',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, to='casemgmt.prisoner'),
        ),
        migrations.RunSQL(FUNCTION, REVERSE),
    ]
