import asyncio

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from health_check.checks import Database
from health_check.contrib.celery import Ping
from health_check.contrib.redis import Redis
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient

from actions.models import Reminder
from health.checks import ReminderSweepCheck


@method_decorator(login_not_required, name="dispatch")
class HealthzView(HealthCheckView):
    """For monitors, so no sign-in: 200 when all is well, 503 when not, as JSON of
    fixed names and the checks' short messages; no hosts, versions or data."""

    def get_checks(self):
        checks = {"database": Database(), "reminder_sweep": ReminderSweepCheck()}
        broker = settings.CELERY_BROKER_URL
        if broker.startswith("redis"):
            checks["redis"] = Redis(client_factory=lambda: RedisClient.from_url(broker))
            # The embedded filesystem broker of `make run` cannot broadcast a ping.
            checks["worker"] = Ping()
        self.names = {id(check): name for name, check in checks.items()}
        return checks.values()

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        failing = any(result.error for result in results)
        return JsonResponse(
            {
                "status": "failing" if failing else "ok",
                "checks": {
                    self.names[id(result.check)]: str(result.error or "ok")
                    for result in results
                },
                "reminders": await _reminders_needing_a_person(),
            },
            status=503 if failing else 200,
        )


async def _reminders_needing_a_person():
    """How many reminders failed or have an unknown outcome: a person must look."""
    return {
        state: await Reminder.objects.filter(state=state).acount()
        for state in (Reminder.State.FAILED, Reminder.State.UNKNOWN)
    }
