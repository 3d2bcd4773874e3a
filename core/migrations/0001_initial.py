"""The engine's models, moved from casemgmt (issue 24) with their tables, triggers and
chain heads as they were: state only, nothing in the database changes."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casemgmt', '0015_engine_models_to_core'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='OutboxMessage',
                fields=[
                    ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                    ('task', models.CharField(max_length=200)),
                    ('kwargs', models.JSONField(blank=True, default=dict)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('sent_at', models.DateTimeField(blank=True, null=True)),
                    ('attempts', models.PositiveIntegerField(default=0)),
                    ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('done_at', models.DateTimeField(blank=True, null=True)),
                    ('error', models.TextField(blank=True, max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000)])),
                ],
                options={
                    'verbose_name': 'background task',
                    'verbose_name_plural': 'background tasks',
                    'db_table': 'casemgmt_outboxmessage',
                    'indexes': [models.Index(condition=models.Q(('done_at__isnull', True)), fields=['next_attempt_at'], name='outbox_pending')],
                },
            ),
            migrations.CreateModel(
                name='AuditEvent',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('at', models.DateTimeField(db_index=True, verbose_name='when')),
                    ('actor_label', models.CharField(blank=True, max_length=150, verbose_name='who (as recorded)')),
                    ('action', models.CharField(choices=[('create', 'Created'), ('update', 'Changed'), ('delete', 'Deleted'), ('view', 'Viewed'), ('export', 'Exported'), ('grant', 'Access granted'), ('revoke', 'Access revoked'), ('transfer', 'Transferred'), ('login', 'Signed in'), ('logout', 'Signed out'), ('login_failed', 'Sign-in failed'), ('lockout', 'Sign-in locked out'), ('unlock', 'Sign-in unlocked'), ('mfa_enrolled', 'Two-factor authentication set up'), ('mfa_verified', 'Two-factor code accepted'), ('mfa_failed', 'Two-factor code refused'), ('mfa_reset', 'Two-factor authentication reset'), ('mfa_backup_codes', 'Backup codes issued'), ('access_denied', 'Access refused'), ('session_expired', 'Session ended by timeout'), ('password_changed', 'Password changed'), ('password_forced', 'Password change required'), ('account_disabled', 'Account disabled')], max_length=20, verbose_name='action')),
                    ('object_type', models.CharField(max_length=100, verbose_name='record type')),
                    ('object_id', models.CharField(blank=True, max_length=64, verbose_name='record id')),
                    ('object_repr', models.CharField(blank=True, max_length=300, verbose_name='record')),
                    ('before', models.JSONField(blank=True, null=True, verbose_name='before')),
                    ('after', models.JSONField(blank=True, null=True, verbose_name='after')),
                    ('reason', models.TextField(blank=True, verbose_name='reason')),
                    ('request_id', models.CharField(blank=True, max_length=64, verbose_name='request')),
                    ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                    ('prev_hash', models.CharField(editable=False, max_length=64)),
                    ('row_hash', models.CharField(editable=False, max_length=64, unique=True)),
                    ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who')),
                    ('subject', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casemgmt.prisoner', verbose_name='prisoner')),
                ],
                options={
                    'verbose_name': 'audit event',
                    'verbose_name_plural': 'audit events',
                    'db_table': 'casemgmt_auditevent',
                    'ordering': ['-id'],
                    'indexes': [models.Index(fields=['subject', '-id'], name='audit_subject_recent'), models.Index(fields=['actor', '-id'], name='audit_actor_recent'), models.Index(fields=['object_type', 'object_id'], name='audit_object')],
                },
            ),
            migrations.CreateModel(
                name='ReadEvent',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('at', models.DateTimeField(db_index=True, verbose_name='when')),
                    ('actor_label', models.CharField(blank=True, max_length=150, verbose_name='who (as recorded)')),
                    ('route', models.CharField(blank=True, max_length=120, verbose_name='page')),
                    ('method', models.CharField(blank=True, max_length=8)),
                    ('path', models.CharField(blank=True, max_length=300, verbose_name='address')),
                    ('query', models.CharField(blank=True, max_length=500, verbose_name='query')),
                    ('subjects', django.contrib.postgres.fields.ArrayField(base_field=models.BigIntegerField(), default=list, size=None, verbose_name='files')),
                    ('records', models.JSONField(blank=True, default=dict, verbose_name='records')),
                    ('reason', models.TextField(blank=True, verbose_name='reason')),
                    ('request_id', models.CharField(blank=True, max_length=64, verbose_name='request')),
                    ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                    ('prev_hash', models.CharField(editable=False, max_length=64)),
                    ('row_hash', models.CharField(editable=False, max_length=64, unique=True)),
                    ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who')),
                ],
                options={
                    'verbose_name': 'read event',
                    'verbose_name_plural': 'read events',
                    'db_table': 'casemgmt_readevent',
                    'ordering': ['-id'],
                    'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['subjects'], name='read_subjects'), models.Index(fields=['actor', '-id'], name='read_actor_recent')],
                },
            ),
            ],
        ),
    ]
