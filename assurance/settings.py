"""Settings for Assurance, read from the environment.

Every variable is listed with its default in README.md and .env.example. A `.env`
file beside manage.py is read when present; real environment variables win.
"""

from pathlib import Path

import environ
import structlog
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# FileAwareEnv also reads SECRET_KEY_FILE, DATABASE_URL_FILE... for container secrets.
env = environ.FileAwareEnv()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")


def env_str(name, default=""):
    """The variable's text; empty counts as unset, so `NAME=` means the default."""
    return env.str(name, default="") or default


def env_int(name, default):
    return int(env_str(name) or default)


DEBUG = env.bool("DEBUG", default=False)


def required_in_production(name, example):
    """Refuse to start with DEBUG off when `name` is not set: a production site
    must not fall back on a development default (SQLite, a known key, localhost)."""
    if not DEBUG and not env_str(name):
        raise ImproperlyConfigured(
            f"{name} is not set. With DEBUG off it must be, e.g. {name}={example} "
            f"(or {name}_FILE naming a file that holds it); only DEBUG=1 runs "
            "with development defaults."
        )


required_in_production("SECRET_KEY", "<50 random characters>")
required_in_production("ALLOWED_HOSTS", "assurance.opcc.example")
required_in_production("DATABASE_URL", "postgres://assurance@127.0.0.1/assurance")
required_in_production("SITE_URL", "https://assurance.opcc.example")

SECRET_KEY = env_str(
    "SECRET_KEY", "django-insecure-development-key-never-use-in-production"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "meetings",
    "actions",
    "imports",
    "health",
    "archive",
    "django_structlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A request id on every log line of the request, and of the tasks it queues.
    "django_structlog.middlewares.RequestMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change kept in an action's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "assurance.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "assurance.wsgi.application"

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# The selects of every filter form read their few choices with .iterator(), which
# on PostgreSQL opened a server-side cursor each time: a round trip more, for
# nothing (bench/pages.py). It also keeps PgBouncer's transaction pooling safe.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "actions:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True
# The en-gb locale shows dates as "23 Sep 2021" with the plain |date filter.

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed file names let browsers cache for a year, but need `collectstatic` first;
# DEBUG and the test suite serve the files as they are in static/.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collected files (DEBUG, tests) WhiteNoise serves straight from static/.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

# Behind HTTPS in production; plain http on a developer's machine and in tests.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# Usually the TLS proxy redirects and sets HSTS; these let Django do it instead.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# Monitors ask for /healthz over plain HTTP from inside, past the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)

if env_str("EMAIL_URL"):
    # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER... from one URL.
    email_config = env.email_url("EMAIL_URL")
    if email_config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
        # Tells an email that failed from one the server took but never confirmed.
        email_config["EMAIL_BACKEND"] = "assurance.mail.EmailBackend"
    globals().update(email_config)
else:
    # The embedded default: each email becomes a file a developer can open.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "assurance@localhost")
# A mail server that stops answering fails that email after this many seconds,
# well inside the reminder sweep's claim timeout.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    # Embedded broker for `make run`: messages are files under var/celery.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # How long Redis waits for a message to be acknowledged before giving it to
        # another worker. Tasks are acknowledged as they start (below) and none
        # waits with a countdown, so this covers only a message a worker reserved
        # and had not started when it died: 30 minutes, rather than kombu's
        # unstated hour, and longer than any wait for a free worker process, which
        # would otherwise run the message twice.
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 30 * 60),
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
# Acknowledged as each task starts, not when it ends. Nothing a task owes lives
# only in its message: the sweep's work is in the ledger, and beat sends another
# sweep within 15 minutes that takes over a dead one's rows. A message held
# unacknowledged through a Redis restart made kombu's restore_unacked crash the
# worker (issue 12, D1), and one whose worker was killed waited an hour for
# Redis to redeliver it (D3).
CELERY_TASK_ACKS_LATE = False
# Redeliver a task whose worker process died? Only acks_late tasks could be, and
# one that kills its process would then be redelivered for ever.
CELERY_TASK_REJECT_ON_WORKER_LOST = False
# Each worker process reserves one message at a time, so a long sweep does not
# hold back the next message another process could run.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")

# Reminders (README "Reminders"). Links in emails start with SITE_URL: a wrong one
# would send every recipient to a page that is not there.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
REMINDER_HOUR = env_int("REMINDER_HOUR", 7)
REMINDER_DUE_SOON_DAYS = env_int("REMINDER_DUE_SOON_DAYS", 7)
REMINDER_OVERDUE_EVERY_DAYS = max(1, env_int("REMINDER_OVERDUE_EVERY_DAYS", 7))
REMINDER_ESCALATE_AFTER_DAYS = env_int("REMINDER_ESCALATE_AFTER_DAYS", 28)
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 5)
REMINDER_CLAIM_TIMEOUT_MINUTES = env_int("REMINDER_CLAIM_TIMEOUT_MINUTES", 15)
# A digest lists this many actions of each kind, then links to the rest.
REMINDER_DIGEST_LIMIT = env_int("REMINDER_DIGEST_LIMIT", 50)
REMINDER_SECRETARIAT_GROUP = "OPCC staff"
REMINDER_PCC_OFFICE_GROUP = "PCC"
# Exactly one beat process runs (Procfile, `make run`): a second would only send
# every sweep twice, which the ledger makes harmless but wasteful.
CELERY_BEAT_SCHEDULE = {
    "send-due-reminders": {
        "task": "actions.tasks.send_due_reminders",
        # Every 15 minutes, not once a day: a sweep is idempotent, sends nothing
        # before REMINDER_HOUR (actions.reminders.reminder_day), and the next one
        # takes over whatever a dead worker, a lost message or a database cut left.
        "schedule": crontab(minute="*/15"),
    },
}

# A reason given for a change (rejecting, superseding, extending) may be long.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# Restoring an old version from the admin would skip the workflow and the version.
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Logs: one JSON object a line on stdout (the default with DEBUG off), or plain
# text on stderr for a developer (LOG_FORMAT=plain, the default with DEBUG on).
# django-structlog gives each request an id, logs it on every line the request
# causes, and carries it into the Celery tasks the request queues.
LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
LOG_CONTEXT = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]
structlog.configure(
    processors=[*LOG_CONTEXT, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)
DJANGO_STRUCTLOG_CELERY_ENABLED = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            # Records of the standard library's loggers (Django, Celery, ours) get
            # the same fields, and their `extra` ones too (the sweep's figures).
            "foreign_pre_chain": [*LOG_CONTEXT, structlog.stdlib.ExtraAdder()],
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
        },
        "plain": {
            "()": structlog.stdlib.ProcessorFormatter,
            "foreign_pre_chain": LOG_CONTEXT,
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.dev.ConsoleRenderer(colors=False),
            ],
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "stream": "ext://sys.stdout"
            if LOG_FORMAT == "json"
            else "ext://sys.stderr",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django gives its "django" logger a console handler of its own under DEBUG, and
    # the record then reaches ours too: runserver said everything twice. Through
    # root alone it is said once, at LOG_LEVEL. (Its mail_admins handler goes too;
    # ADMINS is not set.)
    "loggers": {"django": {"handlers": [], "level": "NOTSET"}},
}
