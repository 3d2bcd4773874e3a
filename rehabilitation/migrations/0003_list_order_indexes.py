"""Indexes in the order of the lists across files (issue #25): a supervisor's page is read
walking the index, each row tested against their grants hashed once (``core.tallies.list_walk``),
instead of every visible record read and sorted. Built without locking writes out
(``CREATE INDEX CONCURRENTLY``: a large table keeps taking records meanwhile).
"""

from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('casemgmt', '0017_grant_tally_and_probe'),
        ('casework', '0003_list_order_indexes'),
        ('rehabilitation', '0002_text_limits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexConcurrently(
            model_name='enrolment',
            index=models.Index(fields=['enrolled_at'], name='enrolment_order'),
        ),
        AddIndexConcurrently(
            model_name='referral',
            index=models.Index(fields=['referred_at', 'id'], name='referral_order'),
        ),
    ]
