"""A task queued while a request is handled carries the request's id, so the
worker's log lines of that task can be found from the request's."""

import structlog
from celery.signals import before_task_publish

from actions.tasks import send_due_reminders
from assurance.celery import app


def test_a_task_queued_during_a_request_carries_its_request_id():
    published = []

    def keep(headers=None, **kwargs):
        published.append(headers)

    # Connected after django-structlog's receiver, so it sees what that added.
    before_task_publish.connect(keep)
    try:
        with (
            structlog.contextvars.bound_contextvars(request_id="a-request"),
            app.connection_for_write("memory://") as broker,
        ):
            send_due_reminders.apply_async(connection=broker)
    finally:
        before_task_publish.disconnect(keep)

    assert published[0]["__django_structlog__"]["request_id"] == "a-request"
