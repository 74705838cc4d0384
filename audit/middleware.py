"""Records permission denials, downloads, exports and views of OFFICIAL-SENSITIVE
content as they are answered."""

import re

from audit.models import AccessEvent
from audit.services import record

# View names (not imports: the apps below know nothing of the access log) whose
# successful answers are a file someone took away.
DOWNLOAD_VIEWS = {"actions:attachment", "downloads:file", "boards:paper"}
EXPORT_VIEWS = {
    "actions:export",
    "boards:decisions_csv",
    "actions:meeting_actions_csv",
    "meetings:docx",
    "audit:export",
}
FILENAME = re.compile(r'filename="?([^";]+)"?')


class AccessLogMiddleware:
    """After the authentication middleware, so the user is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        self._record_sensitive_shown(request, response)
        kind = self._kind(request, response)
        if kind:
            record(
                kind,
                request=request,
                query=request.GET.urlencode()
                if kind == AccessEvent.Kind.EXPORT
                else "",
                detail=self._detail(request, response),
            )
        return response

    @staticmethod
    def _record_sensitive_shown(request, response):
        """Every answer that showed OFFICIAL-SENSITIVE content, listing what: the
        views say so through meetings.marking.shown_sensitive."""
        shown = getattr(request, "sensitive_shown", None)
        if shown and response.status_code < 400:
            record(
                AccessEvent.Kind.VIEWED_SENSITIVE,
                request=request,
                detail="; ".join(shown),
            )

    @staticmethod
    def _kind(request, response):
        if response.status_code == 403:
            return AccessEvent.Kind.PERMISSION_DENIED
        view = getattr(request.resolver_match, "view_name", None)
        if response.status_code != 200 or view is None:
            return None
        if view in DOWNLOAD_VIEWS:
            return AccessEvent.Kind.DOWNLOAD
        if view in EXPORT_VIEWS:
            return AccessEvent.Kind.EXPORT
        return None

    @staticmethod
    def _detail(request, response):
        """The file's name as the browser saves it, or what was refused."""
        if response.status_code == 403:
            return request.method
        found = FILENAME.search(response.get("Content-Disposition", ""))
        return found.group(1) if found else ""
