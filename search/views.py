from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.forms import SearchForm
from search.services import KINDS, RANKED_UP_TO, search_everything, search_kind

# On the page of everything, the first few of each kind.
SHOWN = 5
PER_PAGE = 20


@require_GET
@permission_required(
    ["actions.view_action", "meetings.view_meeting"], raise_exception=True
)
def results(request):
    """Minutes, actions, decisions and papers matching the words, grouped by kind;
    one kind's matches page by page when `kind` is given."""
    form = SearchForm(request.GET)
    context = {"form": form, "ranked_up_to": RANKED_UP_TO}
    if form.is_valid() and form.cleaned_data["q"]:
        text, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
        if kind:
            page = form.cleaned_data["page"] or 1
            group = search_kind(
                text=text,
                user=request.user,
                kind=kind,
                page=page,
                per_page=PER_PAGE,
            )
            context.update(groups=[group], kind=KINDS[kind], page=page)
        else:
            context["groups"] = search_everything(
                text=text, user=request.user, shown=SHOWN
            )
        context["text"] = text
        context["found"] = any(group.hits for group in context["groups"])
    return render(request, "search/results.html", context)
