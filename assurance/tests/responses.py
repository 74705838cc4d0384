"""Test helpers for responses read outside the test client's request."""

from django.core.signals import request_finished
from django.db import close_old_connections


def close_response(response):
    """Close a streamed response's file as a server does, without the
    request_finished signal closing the test's database connection: on
    PostgreSQL, inside the test's transaction, that leaves every later query with
    "connection already closed". The test client stops the same signal for the
    requests it makes."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
