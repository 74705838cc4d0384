"""Loaded once into the process that timed readings are forked from (see
meetings.importer.limits.within_time_limit): each reading then starts with Django
and the importer imported, in a process that runs no threads. It has the
environment of the process that started it, so the same settings as the site."""

import django

django.setup()

import meetings.importer  # noqa: E402, F401 - imported here once, not per reading
