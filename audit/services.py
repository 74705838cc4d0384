"""Recording access events; every part of the site records through `record`."""

from axes.helpers import get_client_ip_address

from audit.models import AccessEvent


def record(kind, *, request=None, user=None, username="", query="", detail=""):
    """Append one event. `request` gives the address, path, method and, unless
    `user` is given, the signed-in user."""
    if request is not None and user is None:
        signed_in = getattr(request, "user", None)
        user = signed_in if signed_in and signed_in.is_authenticated else None
    return AccessEvent.objects.create(
        kind=kind,
        user=user,
        username=username or (user.get_username() if user else ""),
        address=get_client_ip_address(request) if request is not None else None,
        method=(request.method or "") if request is not None else "",
        path=request.get_full_path()[:2000] if request is not None else "",
        query=query,
        detail=detail,
    )
