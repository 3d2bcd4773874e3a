"""The audit trail is append-only in the database and tamper-evident."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from casemgmt import services
from core import audit
from core.models import AuditEvent, ReadEvent

pytestmark = pytest.mark.django_db


def test_update_is_refused_by_the_database(demo):
    event = AuditEvent.objects.order_by("id").first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="tampered")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE casemgmt_auditevent SET actor_label = 'x' WHERE id = %s", [event.pk])


def test_delete_is_refused_by_the_database(demo):
    event = AuditEvent.objects.order_by("id").first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_chain_verifies(demo, capsys):
    call_command("verify_audit")
    assert "chain intact" in capsys.readouterr().out


def test_the_verification_speaks_the_operators_language(demo, capsys):
    """One sentence in one language: the chain's name was translated, the rest was not."""
    from django.utils import translation

    with translation.override("ru"):
        call_command("verify_audit")
    out = capsys.readouterr().out
    assert out.count("цепочка не нарушена") == 2 and "chain intact" not in out


def _superuser_alters(event_id: int, sql: str) -> None:
    """What a database superuser could do: switch triggers off and rewrite history."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(sql, [event_id])
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def test_verify_detects_an_altered_row(demo):
    victim = AuditEvent.objects.order_by("id")[5]
    _superuser_alters(victim.pk, "UPDATE casemgmt_auditevent SET reason = 'nothing happened' WHERE id = %s")
    with pytest.raises(CommandError, match=f"BROKEN at event id {victim.pk}"):
        call_command("verify_audit")


def test_a_broken_chain_is_reported_in_the_operators_language(demo):
    """The problem too, not only the sentence around it (it stayed English)."""
    from django.utils import translation

    victim = AuditEvent.objects.order_by("id")[5]
    _superuser_alters(victim.pk, "UPDATE casemgmt_auditevent SET reason = 'nothing happened' WHERE id = %s")
    with translation.override("ru"), pytest.raises(CommandError) as broken:
        call_command("verify_audit")
    assert str(victim.pk) in str(broken.value)
    assert "содержимое не совпадает со своим хешем" in str(broken.value)
    assert "hash" not in str(broken.value)


def test_verify_detects_a_removed_row(demo):
    ids = list(AuditEvent.objects.order_by("id").values_list("id", flat=True)[:10])
    _superuser_alters(ids[4], "DELETE FROM casemgmt_auditevent WHERE id = %s")
    result = audit.verify()
    assert not result.ok and result.broken_id == ids[5]


def test_writes_record_who_what_before_after(demo):
    prisoner = demo.prisoners["A"][0]
    actor = demo.users["supervisor.a"]
    old_place = prisoner.place_of_birth
    services.prisoner_update(actor=actor, prisoner=prisoner, place_of_birth="Хоруғ")
    event = AuditEvent.objects.filter(subject=prisoner, action="update").latest("id")
    assert event.actor == actor and event.actor_label == "supervisor.a"
    assert event.before == {"place_of_birth": old_place}
    assert event.after == {"place_of_birth": "Хоруғ"}
    assert event.object_type == "casemgmt.prisoner" and event.object_id == str(prisoner.pk)


def test_a_failed_write_leaves_no_audit_row(demo):
    prisoner = demo.prisoners["A"][0]
    before = AuditEvent.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - any validation error
        services.prisoner_update(actor=None, prisoner=prisoner, sex="not-a-sex")
    assert AuditEvent.objects.count() == before


def test_page_and_api_reads_are_recorded_with_the_request_id(demo, client, api):
    prisoner = demo.prisoners["A"][0]
    officer = demo.users["officer.a"]
    client.force_login(officer)
    response = client.get(reverse("prisoner-detail", args=[prisoner.pk]))
    event = ReadEvent.objects.filter(subjects__contains=[prisoner.pk]).latest("id")
    assert event.actor == officer and event.request_id == response["X-Request-ID"]
    assert event.route == "prisoner-detail" and event.subjects == [prisoner.pk]
    api(officer).get(f"/api/v1/prisoners/{prisoner.pk}/")
    assert ReadEvent.objects.filter(subjects__contains=[prisoner.pk]).count() == 2
    assert audit.verify_all()[1].ok


def test_a_refused_read_is_not_recorded_as_a_view(demo, client):
    prisoner = demo.prisoners["A"][0]
    client.force_login(demo.users["officer.b"])
    client.get(reverse("prisoner-detail", args=[prisoner.pk]))
    assert not ReadEvent.objects.filter(subjects__contains=[prisoner.pk]).exists()


def test_sign_in_events_are_recorded_without_the_password(demo, client):
    client.post(reverse("login"), {"username": "officer.a", "password": "wrong-password-1"})
    failed = AuditEvent.objects.filter(action="login_failed").latest("id")
    assert failed.object_repr == "officer.a"
    assert "wrong-password" not in str(failed.before) + str(failed.after) + failed.reason


@pytest.mark.parametrize("threshold", [0, None], ids=["prepared", "behind a pooler"])
def test_a_read_event_prepared_once_a_connection_and_chained(threshold):
    """Every page's one write is prepared on the server (``core.prepared.preparing_cursor``),
    its subjects one array literal; behind a pooler that keeps no prepared statements
    (``DB_PREPARED_STATEMENTS=false``) it binds on the client. Either way the chain verifies."""
    from django.utils import timezone

    options = connection.settings_dict["OPTIONS"]
    kept = options["prepare_threshold"]
    options["prepare_threshold"] = threshold
    try:
        for n in range(4):
            event = ReadEvent(
                at=timezone.now(), actor=None, actor_label="anonymous", route="r", method="GET",
                path="/x", query="", subjects=[3, 1, 2][: n + 1], records={"casemgmt.prisoner": ["1"]},
                reason="", request_id="", ip_address="127.0.0.1" if n % 2 else None,
            )  # fmt: skip
            stored = ReadEvent.objects.get(pk=audit.read_append(event))
            assert stored.subjects == [3, 1, 2][: n + 1] and stored.row_hash == audit.read_hash(stored)
    finally:
        options["prepare_threshold"] = kept
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%casemgmt_read_append%'"
        )
        assert cursor.fetchone()[0] == (1 if threshold == 0 else 0)
    assert all(chain.ok for chain in audit.verify_all())


def test_a_read_event_takes_subjects_from_sql_as_read_payload_writes_them(demo):
    """``read_append(subject_sql=...)``: PostgreSQL selects the ids, merges them with the
    noted ones (sorted, each once, no null) and hashes the payload ``read_payload`` writes
    from the stored row, so the chain verifies; with nothing selected, ``[]``."""
    from django.utils import timezone

    from casemgmt.models import Prisoner

    ids = sorted(Prisoner.objects.values_list("pk", flat=True))[:5]
    query = Prisoner.objects.filter(pk__in=ids[1:]).order_by().values_list("pk", flat=True)
    for noted, selects, expected in [
        ({ids[0], ids[2]}, [query], ids),
        (set(), [query, query], ids[1:]),
        (set(), [Prisoner.objects.filter(pk=-1).values_list("pk", flat=True)], []),
    ]:
        compiled = [q.query.sql_with_params() for q in selects]
        event = ReadEvent(
            at=timezone.now(), actor=None, actor_label="anonymous", route="r", method="GET", path="/x",
            query='q="subjects":[1]', subjects=sorted(noted), records={"subjects": ["1"]}, reason='"subjects":',
        )  # fmt: skip
        pk = audit.read_append(event, subject_sql=compiled)
        stored = ReadEvent.objects.get(pk=pk)
        assert stored.subjects == expected
        assert stored.row_hash == audit.read_hash(stored)
    assert all(chain.ok for chain in audit.verify_all())
    # a query the ORM knows selects nothing is not noted (it has no SQL to run)
    from core import reads

    token = reads._current.set(reads.Collected())
    try:
        reads.note_query(Prisoner.objects.none().values_list("pk", flat=True), reason="r")
        reads.note_query(Prisoner.objects.filter(pk__in=[]).values_list("pk", flat=True))
        assert reads.noted().subject_sql == [] and reads.noted().reason == "r"
    finally:
        reads._current.reset(token)
