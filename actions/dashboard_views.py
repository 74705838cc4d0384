"""The PCC's dashboard: the landing page of the PCC and the OPCC."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from actions import dashboard, trend
from actions.filters import DashboardFilter
from actions.models import Action, Organisation
from actions.paging import missing_page
from meetings.marking import posts_held, sees_all_sensitive

OVERDUE_PER_PAGE = 10


def dashboard_page(request):
    user = request.user
    filters = DashboardFilter(request.GET, queryset=Action.objects.visible_to(user))
    actions = filters.qs
    today, now = timezone.localdate(), timezone.now()
    chosen = {
        name: request.GET[name]
        for name in filters.form.fields
        if request.GET.get(name) and name not in filters.errors
    }
    names = {post.pk: post.name for post in filters.posts}
    figures = dashboard.figures(actions, today=today, now=now, names=names)
    by_post = figures["by_post"]
    months = trend.overdue_trend(
        today=today,
        need_to_know=None if sees_all_sensitive(user) else set(posts_held(user)),
        **{
            name: chosen.get(name) for name in ("owner", "organisation", "meeting_type")
        },
    )
    paginator = Paginator(
        dashboard.overdue_actions(actions, today=today), OVERDUE_PER_PAGE
    )
    # Counted already, with the figures: one query fewer.
    paginator.count = figures["overdue"]
    page = paginator.get_page(request.GET.get("page"))
    # Reversed once: every figure and post links to the list with its own filters.
    list_url = reverse("actions:list")
    trend_columns = dashboard.column_chart(months)
    context = {
        "filters": filters,
        "heading": _heading(filters, chosen),
        "today": today,
        "figures": figures,
        "links": _figure_links(list_url, chosen),
        "by_post": [
            (
                name,
                count,
                length,
                _list_url(list_url, chosen, owner=owner or "null", due="overdue"),
            )
            for (owner, name, count), length in zip(
                by_post, dashboard.scaled([count for *_, count in by_post]), strict=True
            )
        ],
        "by_age": list(
            zip(
                figures["by_age"],
                dashboard.scaled([count for _, count in figures["by_age"]]),
                strict=True,
            )
        ),
        "trend": trend_columns,
        # The page shows the same table twice (on screen, and for paper): made once.
        "trend_table": render_to_string(
            "actions/_trend_table.html", {"trend": trend_columns}
        ),
        "trend_peak": max((count for _, count in months), default=0),
        "page": page,
        "page_missing": missing_page(request.GET.get("page"), page),
        "query_without_page": urlencode(chosen),
    }
    return render(request, "actions/dashboard.html", context)


def _heading(filters, chosen):
    """What the figures count, in words. Every post's actions are counted unless a
    filter narrows them: the heading must not say "the force" over OPCC posts."""
    owner = chosen.get("owner")
    if owner == "null":
        return "What is owed: open actions that need an owner"
    if owner:
        posts = {str(pk): name for pk, name in filters.form.fields["owner"].choices}
        return f"What is owed by the {posts[owner]}"
    return {
        Organisation.FORCE: "What the force owes: open actions of its posts",
        Organisation.OPCC: "What the OPCC owes: open actions of its posts",
    }.get(chosen.get("organisation"), "What is owed: open actions of every post")


def _figure_links(list_url, chosen):
    return {
        "open": _list_url(list_url, chosen, status="owed"),
        "overdue": _list_url(list_url, chosen, due="overdue"),
        "due_soon": _list_url(list_url, chosen, due="soon"),
        "awaiting_sign_off": _list_url(list_url, chosen, status="completed"),
        "closed_recently": _list_url(list_url, chosen, closed="90"),
        # Within one post's actions none needs an owner: nothing to list.
        "needs_owner": None
        if chosen.get("owner", "null") != "null"
        else _list_url(list_url, chosen, owner="null", status="owed"),
    }


def _list_url(list_url, chosen, **more):
    return list_url + "?" + urlencode({**chosen, **more})
