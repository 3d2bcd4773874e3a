import pytest

from config.celery import app

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ok"


def test_broker_down_is_503_with_a_reason(client, monkeypatch):
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.conf, "broker_transport_options", {})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert any("broker" in p for p in response.json()["problems"])


def test_database_down_is_503(client, monkeypatch):
    from core.views import health

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert any("database" in p for p in response.json()["problems"])


def test_each_part_is_its_own_field(client):
    body = client.get("/healthz").json()
    assert body["storage"]["writable"] and body["storage"]["free_bytes"] > 0
    assert body["reminder_sweep"] == {"last_age_seconds": None, "interval_seconds": 3600, "late": False}
    if "broker_folder" in body:
        assert body["broker_folder"]["writable"]


def test_storage_not_writable_is_503(client, settings, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.AtomicFileSystemStorage",
            "OPTIONS": {"location": str(blocked), "base_url": None},
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"]["writable"] is False
    assert "storage not writable" in response.json()["problems"]


def test_broker_folder_not_writable_is_503(client, settings, tmp_path):
    if settings.REDIS_URL:
        pytest.skip("the filesystem broker's folder: Redis is the broker here")
    (tmp_path / "queue").write_text("not a folder")
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "data_folder_out": str(tmp_path / "queue"),
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker_folder"]["writable"] is False


def test_a_late_sweep_is_a_warning_with_its_age(client, django_assert_num_queries):
    import datetime as dt

    from django.utils import timezone

    from notifications.models import SweepRun

    run = SweepRun.objects.create()
    SweepRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - dt.timedelta(hours=3))
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert (
        body["reminder_sweep"]["late"]
        and 3 * 3600 <= body["reminder_sweep"]["last_age_seconds"] < 3 * 3600 + 60
    )
    assert body["warnings"]
