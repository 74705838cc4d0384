from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from publication.models import PublishedMeeting


class NewPublications(Feed):
    """An Atom feed of minutes as they are published; it names each meeting and
    links to its page, and carries none of the minutes' words."""

    feed_type = Atom1Feed
    title = "Published minutes"
    subtitle = "Minutes of the Police and Crime Commissioner's boards, as published."
    link = reverse_lazy("publication:index")

    def items(self):
        return (
            PublishedMeeting.objects.current()
            .order_by("-published_at")
            .only("title", "board_name", "date", "published_at")[:20]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"Minutes of the {item.board_name}, meeting of {item.date:%-d %b %Y}."

    def item_link(self, item):
        return reverse("publication:meeting", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at


new_publications = login_not_required(require_GET(NewPublications()))
