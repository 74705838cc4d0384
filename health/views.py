import asyncio
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from health_check.checks import Database
from health_check.contrib.celery import Ping
from health_check.contrib.redis import Redis
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient

from actions.models import Reminder
from health.checks import ReminderSweepCheck

# Anyone may ask, so the answer is reused for this long: a flood of requests
# pings the workers and the database once per interval, not once per request.
ANSWER_KEPT_SECONDS = 10


@method_decorator(login_not_required, name="dispatch")
class HealthzView(HealthCheckView):
    """For monitors, so no sign-in: 200 when all is well, 503 when not, as JSON of
    fixed names and the checks' short messages; no hosts, versions or data. How
    many reminders need a person only for a superuser or a monitor holding
    HEALTHZ_TOKEN."""

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
        answer = await cache.aget("healthz")
        if answer is None:
            answer = await self._checks_answer()
            await cache.aset("healthz", answer, ANSWER_KEPT_SECONDS)
        body = dict(answer)
        if await _may_see_counts(request):
            body["reminders"] = await _reminders_needing_a_person()
        return JsonResponse(body, status=503 if body["status"] == "failing" else 200)

    async def _checks_answer(self):
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        failing = any(result.error for result in results)
        return {
            "status": "failing" if failing else "ok",
            "checks": {
                self.names[id(result.check)]: str(result.error or "ok")
                for result in results
            },
        }


async def _may_see_counts(request):
    token = settings.HEALTHZ_TOKEN
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if token and secrets.compare_digest(offered.encode(), token.encode()):
        return True
    user = await request.auser()
    return user.is_superuser


async def _reminders_needing_a_person():
    """How many reminders failed or have an unknown outcome: a person must look."""
    return {
        state: await Reminder.objects.filter(state=state).acount()
        for state in (Reminder.State.FAILED, Reminder.State.UNKNOWN)
    }
