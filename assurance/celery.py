import logging.config
import os

from celery import Celery
from celery.signals import setup_logging
from django_structlog.celery.steps import DjangoStructLogInitStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assurance.settings")

app = Celery("assurance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each task's log lines carry its id, and the id of the request that queued it.
app.steps["worker"].add(DjangoStructLogInitStep)


@setup_logging.connect
def use_django_logging(**kwargs):
    """Workers and beat log as the web does (JSON to stdout in production),
    rather than through Celery's own handlers."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
