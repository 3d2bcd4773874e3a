# syntax=docker/dockerfile:1
#
# The production image: one image for every role (web, worker, beat, migrate);
# docker-compose.yml picks the command. Build: `docker build -t prison-casemgmt .`
#
# Configuration comes from the environment at run time (see .env.example);
# nothing secret is baked in. The code under /app is owned by root and
# read-only for the app user; the only writable places are the volumes under
# /data (private media, beat's schedule) and /tmp.

FROM python:3.11-slim

# DJANGO_ENV=production demands SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL at
# run time. PRIVATE_MEDIA_ROOT (photos, documents) is a volume, never under
# STATIC_ROOT or any served URL. BROKER_DIR holds beat's schedule file (and the
# filesystem broker, were REDIS_URL unset). gunicorn takes its worker count
# from WEB_CONCURRENCY (set it in .env to change it).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_ENV=production \
    PRIVATE_MEDIA_ROOT=/data/private_media \
    BROKER_DIR=/data/broker \
    WEB_CONCURRENCY=4

# A fixed uid/gid so volume ownership is stable across rebuilds.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app \
       --shell /usr/sbin/nologin app \
    && mkdir -p /data/private_media /data/broker \
    && chown -R app:app /data \
    && chmod 0750 /data/private_media

WORKDIR /app

# Dependencies first (cached until pyproject.toml or constraints.txt changes), at
# the versions pinned in constraints.txt. The project declares no importable
# packages, so `pip install .` installs only the runtime dependencies: no
# embedded PostgreSQL, no test or dev tools.
COPY pyproject.toml constraints.txt ./
RUN pip install -c constraints.txt . \
    && rm -rf build ./*.egg-info

COPY . .

# Static files are collected into the image (served by whitenoise with hashed,
# compressed names). The settings are imported with throwaway values: with
# DATABASE_URL set nothing connects at import time, and collectstatic needs no
# database; with REDIS_URL set the settings create no filesystem-broker folders
# (root-owned) under BROKER_DIR. None of these values reach the final image's
# environment.
RUN DJANGO_ENV=production \
    SECRET_KEY=build-only-collectstatic-key-not-a-secret-0123456789abcdefghij \
    ALLOWED_HOSTS=build.invalid \
    DATABASE_URL=postgres://build@127.0.0.1:1/build \
    REDIS_URL=redis://127.0.0.1:1/0 \
    python manage.py collectstatic --no-input \
    && python -m compileall -q /app

USER app

EXPOSE 8000

# /healthz answers 200 when the database and the broker respond (503 otherwise).
# Django checks the Host header, so the probe sends the first ALLOWED_HOSTS
# entry; /healthz is exempt from the HTTPS redirect.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request as u\nhosts = [h.strip().lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip() not in ('', '*')]\nreq = u.Request('http://127.0.0.1:8000/healthz', headers={'Host': hosts[0] if hosts else 'localhost'})\ntry:\n    sys.exit(0 if u.urlopen(req, timeout=8).status == 200 else 1)\nexcept Exception as exc:\n    print(exc)\n    sys.exit(1)"]

# Sync workers (WEB_CONCURRENCY of them, ~2 per CPU); a request that takes
# longer than 60 s is killed (long work belongs in Celery: exports, reminders).
# Workers are recycled every ~1000 requests. No access log here: the reverse
# proxy keeps one, and query strings (searches) can carry prisoners' names.
CMD ["gunicorn", "config.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--worker-tmp-dir", "/dev/shm", \
     "--timeout", "60", \
     "--graceful-timeout", "30", \
     "--keep-alive", "5", \
     "--max-requests", "1000", \
     "--max-requests-jitter", "100", \
     "--error-logfile", "-"]
