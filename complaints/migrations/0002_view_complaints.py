"""The ``view_complaints`` capability on the prisoner's file.

Capabilities are permissions on ``casemgmt.Prisoner``. This one is made here rather than
in ``Prisoner.Meta`` so the core needs no migration; ``casemgmt.permissions.Capability``
names it, so facility supervisors receive it with their facility's grant from now on.
The supervisors' groups that already hold a file are given it on that file (the grant
service cannot run inside a migration; the rows are the ones it would have written).
"""

from django.db import migrations

CODENAME = "view_complaints"


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Facility = apps.get_model("casemgmt", "Facility")
    Grant = apps.get_model("casemgmt", "PrisonerGroupObjectPermission")
    ct, _ = ContentType.objects.get_or_create(app_label="casemgmt", model="prisoner")
    perm, _ = Permission.objects.get_or_create(
        content_type=ct, codename=CODENAME, defaults={"name": "See and handle requests and complaints"}
    )
    view = Permission.objects.filter(content_type=ct, codename="view_prisoner").first()
    if view is None:  # a new database: nobody holds a file yet
        return
    groups = Facility.objects.values_list("supervisors_group_id", flat=True)
    held = Grant.objects.filter(group_id__in=groups, permission=view).values_list("group_id", "content_object_id")
    Grant.objects.bulk_create(
        [Grant(group_id=g, content_object_id=p, permission=perm) for g, p in held.iterator()],
        ignore_conflicts=True,
        batch_size=5000,
    )


def backward(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="casemgmt", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forward, backward)]
