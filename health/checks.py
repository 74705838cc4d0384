"""Checks of our own for /healthz, beside django-health-check's."""

import dataclasses
import datetime

from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from actions.models import ReminderSweep

# Beat sweeps every 15 minutes; a day without a finished sweep means reminders
# have stopped, with two hours' grace for a slow or restarted one.
STALE_AFTER = datetime.timedelta(hours=26)


@dataclasses.dataclass
class ReminderSweepCheck(HealthCheck):
    """The last reminder sweep finished within STALE_AFTER."""

    async def run(self):
        last = await ReminderSweep.objects.values_list(
            "finished_at", flat=True
        ).afirst()
        if last is None:
            raise ServiceUnavailable("No reminder sweep has finished yet")
        age = timezone.now() - last
        if age > STALE_AFTER:
            raise ServiceUnavailable(
                f"The last reminder sweep finished {age.total_seconds() / 3600:.0f} "
                "hours ago"
            )
