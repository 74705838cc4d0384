"""The site's addresses and one that fails, for the tests of the 500 page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from assurance.urls import urlpatterns as site_urlpatterns


@login_not_required
def fail(request):
    raise RuntimeError("A fault, to show the 500 page.")


urlpatterns = [path("fail/", fail), *site_urlpatterns]
