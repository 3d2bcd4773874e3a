import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_config, env_bool, env_int


def test_bool_fails_loudly(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG", False) is True


def test_int_fails_loudly(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1)


def test_database_url_must_be_postgres():
    with pytest.raises(ImproperlyConfigured):
        database_config("sqlite:///db.sqlite3")
    socket = database_config("postgres://postgres@%2Fvar%2Frun%2Fpg/casemgmt")
    assert socket["HOST"] == "/var/run/pg" and socket["NAME"] == "casemgmt"


def test_production_refuses_a_missing_secret_key():
    import subprocess
    import sys

    env = {"DJANGO_ENV": "production", "DATABASE_URL": "postgres://x@127.0.0.1/x", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_client_ip_behind_trusted_proxies(rf, settings):
    from core.middleware import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.2.3, 192.0.2.7", REMOTE_ADDR="172.18.0.2")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "172.18.0.2"  # the header is ignored unless proxies are trusted
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "192.0.2.7"  # a spoofed left-most entry is never taken
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "10.1.2.3"
