"""Settings for the sweep the fault test kills: slow emails, written as files."""

import os

from assurance.settings import *  # noqa: F403

EMAIL_BACKEND = os.environ.get(
    "SLOW_MAIL_BACKEND", "actions.tests.reminder_support.SlowFileBackend"
)
EMAIL_FILE_PATH = os.environ["SLOW_MAIL_DIR"]
