"""Response headers no library sets for us."""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Nothing a signed-in person sees, and no file anyone downloads, is kept by the
    browser or a proxy: a shared computer's back button or cache shows nothing.

    Outside the authentication middleware, so it sees the response last; static
    files are answered before it and keep their long caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or response.has_header("Content-Disposition"):
            add_never_cache_headers(response)
        return response
