"""Gunicorn's settings for the web process (Procfile), from the environment."""

import os
from pathlib import Path

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Two processes per core is gunicorn's advice; this machine has two cores shared
# with the worker, so two in all unless WEB_CONCURRENCY says otherwise.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A request that takes longer is killed and logged: long work belongs in Celery.
timeout = 30
graceful_timeout = 30
# Restart each process after a while so a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# Django logs each request (JSON, with its request id); gunicorn's own log is
# kept for errors.
accesslog = None
errorlog = "-"
# The TLS proxy in front, on this machine, says which requests were HTTPS.
forwarded_allow_ips = "127.0.0.1"
# gunicorn's control socket, beside the app rather than one shared by every
# gunicorn this user runs ($HOME/.gunicorn/gunicorn.ctl).
control_socket = str(Path(__file__).resolve().parent / "var" / "gunicorn.ctl")
