"""The ``view_sensitive_documents`` capability (given to the supervisors' groups on the
files they already hold, as the grant service would), the document kinds, and versions
that are never changed or deleted (a trigger)."""

from django.db import migrations

CODENAME = "view_sensitive_documents"

KINDS = [
    ("commitment_order", "Commitment order", "Постановление о заключении под стражу", "Қарор дар бораи ҳабс", False),
    ("judgment", "Judgment", "Приговор", "Ҳукм", False),
    ("court_order", "Court order", "Постановление суда", "Қарори суд", False),
    ("court_letter", "Court letter", "Письмо суда", "Мактуби суд", False),
    ("identity_document", "Identity document", "Документ, удостоверяющий личность", "Ҳуҷҷати тасдиқкунандаи шахсият", False),
    ("certificate", "Certificate", "Справка", "Маълумотнома", False),
    ("security_report", "Security report", "Оперативная справка", "Маълумотномаи амниятӣ", True),
    ("medical_report", "Medical report", "Медицинское заключение", "Хулосаи тиббӣ", True),
]


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Facility = apps.get_model("casemgmt", "Facility")
    Grant = apps.get_model("casemgmt", "PrisonerGroupObjectPermission")
    Kind = apps.get_model("documents", "DocumentKind")
    for code, name, ru, tg, sensitive in KINDS:
        Kind.objects.get_or_create(code=code, defaults={"name": name, "name_ru": ru, "name_tg": tg, "sensitive": sensitive})
    ct, _ = ContentType.objects.get_or_create(app_label="casemgmt", model="prisoner")
    perm, _ = Permission.objects.get_or_create(
        content_type=ct, codename=CODENAME, defaults={"name": "See sensitive documents"}
    )
    view = Permission.objects.filter(content_type=ct, codename="view_prisoner").first()
    if view is None:
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
        ("documents", "0001_initial"),
        ("casemgmt", "0010_read_log"),
        ("legal", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RunSQL(
            sql="""
            CREATE OR REPLACE FUNCTION documents_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER documents_version_append_only BEFORE UPDATE OR DELETE ON documents_documentversion
                FOR EACH ROW EXECUTE FUNCTION documents_append_only();
            CREATE TRIGGER legal_calculation_append_only BEFORE UPDATE OR DELETE ON legal_releasecalculation
                FOR EACH ROW EXECUTE FUNCTION documents_append_only();
            """,
            reverse_sql="""
            DROP TRIGGER IF EXISTS documents_version_append_only ON documents_documentversion;
            DROP TRIGGER IF EXISTS legal_calculation_append_only ON legal_releasecalculation;
            DROP FUNCTION IF EXISTS documents_append_only();
            """,
        ),
    ]
