"""Settings for Assurance, read from the environment.

Every variable is listed with its default in README.md and .env.example. A `.env`
file beside manage.py is read when present; real environment variables win.
"""

import datetime
from pathlib import Path

import environ
import structlog
from celery.schedules import crontab
from csp.constants import NONE, SELF
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


def env_bool(name, default):
    """Like env.bool, but empty counts as unset, as in env_str."""
    return env.bool(name) if env_str(name) else default


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
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "meetings",
    "actions",
    "imports",
    "audit",
    "signin",
    "boards",
    "downloads",
    "health",
    "archive",
    "extensions",
    "notifications",
    "search",
    "people",
    "publication",
    "django_structlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control: no-store on signed-in pages and downloads (README "Security").
    "assurance.headers.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session entered a second-factor code.
    "django_otp.middleware.OTPMiddleware",
    # Ends sessions idle or old (README "Security"), then asks for the code.
    "signin.middleware.SessionLimitsMiddleware",
    "signin.middleware.SecondFactorMiddleware",
    # With PASSWORD_LOGIN=0, the password sign-in and reset pages answer 403.
    "signin.middleware.PasswordSignInMiddleware",
    # A request id on every log line of the request, and of the tasks it queues.
    "django_structlog.middlewares.RequestMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Records refusals (403), downloads and exports in the access log.
    "audit.middleware.AccessLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change kept in an action's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

# Backups keep timestamps to the microsecond (archive.serializers says why).
SERIALIZATION_MODULES = {"exact-json": "archive.serializers"}

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
# Persistent connections in production: opening one costs about 10 ms a request, and
# a fresh PostgreSQL backend runs its first queries twice as slowly (issue 13).
# Each gunicorn worker (a process, one request at a time under the sync worker) keeps
# its own connection for up to CONN_MAX_AGE seconds, so the server holds as many
# connections as there are workers (times threads): size PostgreSQL's max_connections,
# or PgBouncer, to match. A connection the server closed meanwhile (a restart, a
# failover) is checked before a request reuses it, instead of failing that request.
# Under DEBUG (runserver's thread per request) each request opens its own, as before.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "CONN_MAX_AGE", default=0 if DEBUG else 600
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = not DEBUG
# The selects of every filter form read their few choices with .iterator(), which
# on PostgreSQL opened a server-side cursor each time: a round trip more, for
# nothing (bench/pages.py). It also keeps PgBouncer's transaction pooling safe.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}", "OPTIONS": options}
    for name, options in (
        ("UserAttributeSimilarityValidator", {}),
        ("MinimumLengthValidator", {"min_length": 12}),
        ("CommonPasswordValidator", {}),
        ("NumericPasswordValidator", {}),
    )
]
# Sign-in with the organisation's account (OpenID Connect, mozilla-django-oidc), on
# when OIDC_RP_CLIENT_ID is set; README "Signing in with the organisation's account".
# OIDC_ENTRA_TENANT (the directory's tenant id) fills in Microsoft Entra ID's
# addresses; any other provider sets them one by one.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_ENTRA_TENANT = env_str("OIDC_ENTRA_TENANT")
_entra = OIDC_ENTRA_TENANT and f"https://login.microsoftonline.com/{OIDC_ENTRA_TENANT}"
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER", _entra and f"{_entra}/v2.0")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", _entra and f"{_entra}/oauth2/v2.0/authorize"
)
OIDC_OP_TOKEN_ENDPOINT = env_str(
    "OIDC_OP_TOKEN_ENDPOINT", _entra and f"{_entra}/oauth2/v2.0/token"
)
OIDC_OP_JWKS_ENDPOINT = env_str(
    "OIDC_OP_JWKS_ENDPOINT", _entra and f"{_entra}/discovery/v2.0/keys"
)
# The claims are read from the signed ID token, never from the user info endpoint;
# mozilla-django-oidc insists on the setting all the same.
OIDC_OP_USER_ENDPOINT = ""
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "signin:oidc_callback"
# The claim holding the person's email, and whether to trust it from OIDC_OP_ISSUER
# when the token does not say it was verified (Entra ID never says):
# signin.oidc.verified_email.
OIDC_EMAIL_CLAIM = env_str("OIDC_EMAIL_CLAIM", "email")
OIDC_TRUST_EMAIL_CLAIM = env_bool("OIDC_TRUST_EMAIL_CLAIM", False)
# The button reads "Sign in with <this>".
OIDC_ACCOUNT_NAME = env_str("OIDC_ACCOUNT_NAME", "your organisation account")
if OIDC_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_ISSUER",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so {', '.join(_missing)} must be too "
            "(OIDC_ENTRA_TENANT=<tenant id> fills in all but the secret for Entra ID)."
        )
# PASSWORD_LOGIN=0: the organisation's account is the only way in; the password
# pages answer 403 (signin.middleware) and no password is checked at all.
PASSWORD_LOGIN = env_bool("PASSWORD_LOGIN", True)
if not PASSWORD_LOGIN and not OIDC_ENABLED:
    raise ImproperlyConfigured(
        "PASSWORD_LOGIN=0 needs OIDC_RP_CLIENT_ID and the rest of the OIDC_ settings: "
        "otherwise nobody could sign in."
    )
# django-axes first: it refuses a locked-out sign-in before the password is checked,
# and before the organisation's answer is read.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["django.contrib.auth.backends.ModelBackend"] if PASSWORD_LOGIN else []),
    *(["signin.oidc.OrganisationAccountBackend"] if OIDC_ENABLED else []),
]
# Ten failures in an hour for one user name, or from one address, pause signing in
# for that name or address for an hour; a superuser unlocks sooner in the admin
# (Axes, Access attempts: delete). Names that are no account count the same way.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "signin/locked_out.html"
# Successful sign-ins are in our own access log (audit); axes keeps the failures.
AXES_DISABLE_ACCESS_LOG = True
# Its start-up banner would be the first line of every management command.
AXES_VERBOSE = False
# Behind N proxies (a TLS terminator, a load balancer), the client's address is
# the Nth from the right in X-Forwarded-For; with none, the connection's own.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# Password reset emails asked for in an hour, counted in the access log.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 5)
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
# A second factor (a TOTP authenticator app) for these groups and superusers:
# optional, or required of them before anything else with REQUIRE_2FA=1.
SECOND_FACTOR_GROUPS = ["OPCC staff"]
REQUIRE_2FA = env_bool("REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Assurance"
# The admin never shows a device's secret or QR code: a superuser could copy
# someone's second factor with it. Deleting a lost device is all it needs.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
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
# Behind HTTPS, Django also redirects http to https and tells browsers to use https
# alone for a year (HSTS). Each can be turned off: `make prod-local` serves plain
# http on loopback with SECURE_SSL_REDIRECT=0.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
# Monitors ask for /healthz over plain HTTP from inside, past the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# A monitor sending "Authorization: Bearer <this>" to /healthz also reads how many
# reminders failed or are of unknown outcome; empty: superusers only.
HEALTHZ_TOKEN = env_str("HEALTHZ_TOKEN")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
# Only asks to be preloaded: a browser's list includes a domain when its owner
# submits it (hstspreload), a decision for whoever runs the domain.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
# Scripts, styles, images and fonts from this site alone, and no inline script or
# style at all (django-csp): injected markup cannot run. Bootstrap's CSS draws
# its icons from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# No page uses any of these browser features (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
# A session ends after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS
# after signing in, whichever comes first (signin.middleware).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
# Sessions are read from the cache (a query less on every page) and written through
# to the database, so a cache emptied or restarted signs nobody out, and a cache that
# does not answer costs that query rather than the page (assurance.sessions).
SESSION_ENGINE = "assurance.sessions"

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
# Off: emails and the calendar feed carry only an action's reference, marking and a
# link, for all content (OFFICIAL-SENSITIVE content is always so).
EMAIL_SHOWS_TEXT = env_bool("EMAIL_SHOWS_TEXT", True)

REDIS_URL = env_str("REDIS_URL")
# One cache for every gunicorn worker and Celery process in production (Redis); each
# process its own under `make run`, which has no Redis.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # redis-py would wait on a Redis that has gone quiet for as long as the
        # operating system keeps the connection; sessions fall back to the database.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
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
# A fraction of a minute is for tests that wait for a claim to time out.
REMINDER_CLAIM_TIMEOUT_MINUTES = float(env_str("REMINDER_CLAIM_TIMEOUT_MINUTES") or 15)
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
    "send-notifications": {
        "task": "notifications.tasks.send_notifications",
        # Every minute: an email goes ten minutes after the first of its events,
        # or at REMINDER_HOUR for the morning email; the run is idempotent and
        # takes over whatever a dead one left, as the reminder sweep does.
        "schedule": crontab(),
    },
    "send-agenda-emails": {
        "task": "boards.tasks.send_agenda_emails",
        # As the notifications: each run claims what is due, so none goes twice.
        "schedule": crontab(),
    },
    "tidy-downloads": {
        "task": "downloads.tasks.tidy_downloads",
        "schedule": crontab(minute=5),
    },
}
# A notification email that failed is tried again later each time (1, 2, 4…
# minutes, at most an hour apart), this many times in all.
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 10)

# A reason given for a change (rejecting, superseding, extending) may be long.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# Restoring an old version from the admin would skip the workflow and the version.
SIMPLE_HISTORY_REVERT_DISABLED = True

# A download of more actions than this is built by a Celery worker, not in the request.
EXPORT_INLINE_MAX = env_int("EXPORT_INLINE_MAX", 20_000)
# A worker says how far it has got every few thousand rows; this long without a
# word, the download is failed (README "The dashboard, spreadsheets and calendar").
DOWNLOAD_STALLED_MINUTES = env_int("DOWNLOAD_STALLED_MINUTES", 30)
# Built files are deleted this long after they are ready.
DOWNLOAD_KEEP_DAYS = env_int("DOWNLOAD_KEEP_DAYS", 7)

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
    processors=[
        # First: a line below LOG_LEVEL is dropped before it is dated and formatted
        # (each request logs two at INFO), not after.
        structlog.stdlib.filter_by_level,
        *LOG_CONTEXT,
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
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
    "loggers": {
        "django": {"handlers": [], "level": "NOTSET"},
        # WeasyPrint logs each step of every PDF it makes at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
