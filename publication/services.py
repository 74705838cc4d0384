"""Publishing approved minutes, withdrawing a publication, and setting what each
item, paper, action and decision is marked and whether it is published."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags

from actions.models import Action
from boards.models import Decision, Paper
from meetings.html import sanitise_minutes_html
from meetings.models import Meeting
from publication.models import (
    PublishedAction,
    PublishedDecision,
    PublishedMeeting,
    PublishedPaper,
)


class Refused(Exception):
    """The step cannot be taken; the message says why, and nothing was changed."""


def _refuse_unless_opcc(user):
    if not user.has_perm("meetings.change_meeting"):
        raise PermissionDenied("Only OPCC staff publish minutes.")


def is_public(record):
    """Published, and not marked: OFFICIAL-SENSITIVE is never published, whatever
    the choice says (an action is sensitive if its item is)."""
    return not record.is_withheld and not record.is_sensitive


def withheld_line(what, record):
    """ "Item 3.2 withheld: section 31 — law enforcement": all the public sees."""
    return f"{what} withheld: {record.exemption or 'OFFICIAL-SENSITIVE'}"


# The records whose marking the "Prepare for publication" page sets, in its order.
def records_to_mark(meeting):
    items = list(meeting.items.all())
    return {
        "item": items,
        "paper": list(
            Paper.objects.filter(agenda_item__meeting=meeting).select_related(
                "agenda_item"
            )
        ),
        "decision": list(
            Decision.objects.filter(agenda_item__meeting=meeting).select_related(
                "agenda_item"
            )
        ),
        "action": list(
            Action.objects.filter(agenda_item__meeting=meeting)
            .select_related("agenda_item")
            .order_by("reference")
        ),
    }


@transaction.atomic
def set_markings(changes, *, by):
    """Save each (record, marking, publication, exemption) that differs; returns
    how many changed. The forms have checked each with `marking_errors`."""
    _refuse_unless_opcc(by)
    changed = 0
    for record, marking, publication, exemption in changes:
        values = {
            "marking": marking,
            "publication": publication,
            "exemption": exemption.strip() if publication == "withhold" else "",
        }
        if all(getattr(record, field) == value for field, value in values.items()):
            continue
        for field, value in values.items():
            setattr(record, field, value)
        record._history_user = by
        record._change_reason = "Marking or publication changed"
        record.save(update_fields=list(values))
        changed += 1
    return changed


def _approved_at(meeting, now):
    approval = (
        meeting.history.filter(history_change_reason="Minutes approved")
        .order_by("-history_date")
        .first()
    )
    return approval.history_date if approval else now


def _status_at(action, when):
    """The action's status as its history had it at `when`."""
    try:
        return action.history.as_of(when).get_status_display()
    except Action.DoesNotExist:
        return action.get_status_display()


def _snapshot_items(meeting, approved_at):
    """The items as published: withheld items (and everything under them) as one
    line each; withheld decisions, actions and papers as a line, or absent."""
    items = meeting.items.select_related("parent").prefetch_related(
        "decisions",
        "papers",
        Prefetch("actions", queryset=Action.objects.select_related("owner")),
    )
    withheld_ids = set()
    published = []
    for item in items:
        if item.parent_id in withheld_ids or not is_public(item):
            withheld_ids.add(item.pk)
            if item.parent_id not in withheld_ids:
                published.append(
                    {
                        "number": item.number,
                        "withheld": withheld_line(f"Item {item.number}", item),
                    }
                )
            continue
        published.append(_published_item(item, approved_at))
    return published


def _published_item(item, approved_at):
    entry = {
        "number": item.number,
        "title": item.title,
        "sub_item": item.parent_id is not None,
        "presenter": str(item.presenter) if item.presenter_id else "",
        "discussion": sanitise_minutes_html(item.discussion),
        "decisions": [],
        "actions": [],
        "papers": [],
        "withheld": "",
        "withheld_lines": [],
    }
    for decision in item.decisions.all():
        if not is_public(decision):
            entry["withheld_lines"].append(
                withheld_line(f"Decision {decision.number}", decision)
            )
            continue
        entry["decisions"].append(
            {
                "number": decision.number,
                "text": decision.text,
                "significant_public_interest": decision.significant_public_interest,
            }
        )
    for action in sorted(item.actions.all(), key=lambda a: a.reference):
        action.agenda_item = item
        if not is_public(action):
            entry["withheld_lines"].append(
                withheld_line(f"Action {action.reference}", action)
            )
            continue
        entry["actions"].append(
            {
                "pk": action.pk,
                "reference": action.reference,
                "description": action.description,
                "owner": str(action.owner) if action.owner_id else "",
                "due_date": action.due_date.isoformat() if action.due_date else None,
                "status_at_approval": _status_at(action, approved_at),
            }
        )
    for paper in item.papers.all():
        if not is_public(paper):
            entry["withheld_lines"].append(withheld_line("A paper", paper))
            continue
        entry["papers"].append(
            {
                "pk": str(paper.pk),
                "name": paper.name,
                "content_type": paper.content_type,
                "size": paper.size,
            }
        )
    return entry


def _snapshot_arising(meeting):
    """Matters arising as frozen at approval, each only while its action exists
    and is published."""
    frozen = meeting.frozen_arising.select_related("action__agenda_item")
    return [
        {
            "reference": entry.reference,
            "description": entry.description,
            "raised_on": entry.raised_on.isoformat(),
            "owner": entry.owner,
            "due_date": entry.due_date.isoformat() if entry.due_date else None,
            "status": entry.status,
            "latest_update": entry.latest_update,
        }
        for entry in frozen
        if entry.action is not None and is_public(entry.action)
    ]


def snapshot(meeting, *, approved_at):
    """Only the published content of the minutes, as plain data."""
    return {
        "board": meeting.board.name,
        "title": meeting.title,
        "meeting_type": meeting.meeting_type.name,
        "date": meeting.date.isoformat(),
        "start_time": meeting.start_time.strftime("%H:%M")
        if meeting.start_time
        else "",
        "venue": meeting.venue,
        "chair": meeting.chair,
        "attendees": [
            {
                "name": str(person),
                "capacity": person.capacity,
                "attendance": person.get_attendance_display(),
            }
            for person in meeting.attendees.all()
        ],
        "arising": _snapshot_arising(meeting),
        "items": _snapshot_items(meeting, approved_at),
        "next_meeting": _next_meeting(meeting),
    }


def _next_meeting(meeting):
    if meeting.next_meeting_on is None:
        return ""
    return meeting.next_meeting_on.isoformat()


def search_text(content):
    """Every published word of the snapshot, lower-cased, for the public search."""
    words = [content["board"], content["title"], content["venue"], content["chair"]]
    for entry in content["arising"]:
        words += [entry["reference"], entry["description"], entry["latest_update"]]
    for item in content["items"]:
        if item["withheld"]:
            words.append(item["withheld"])
            continue
        words += [item["number"], item["title"], strip_tags(item["discussion"])]
        words += [d["text"] for d in item["decisions"]]
        words += [f"{a['reference']} {a['description']}" for a in item["actions"]]
        words += [p["name"] for p in item["papers"]]
    return "\n".join(words).lower()


@transaction.atomic
def publish_minutes(meeting, *, by, now):
    """Publish approved minutes: snapshot what is published, then mark the
    meeting published. Refused (403) unless approved and by OPCC staff."""
    _refuse_unless_opcc(by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.APPROVED:
        status = meeting.get_status_display().lower()
        raise PermissionDenied(f"You cannot publish minutes that are {status}.")
    approved_at = _approved_at(meeting, now)
    content = snapshot(meeting, approved_at=approved_at)
    publication = PublishedMeeting.objects.create(
        meeting=meeting,
        board_name=content["board"],
        title=meeting.title,
        date=meeting.date,
        start_time=content["start_time"],
        venue=meeting.venue,
        approved_on=timezone.localdate(approved_at),
        published_at=now,
        published_by=by,
        content=content,
        search_text=search_text(content),
    )
    _record_rows(publication, content)
    meeting.publish(by=by)
    return publication


def _record_rows(publication, content):
    """The register's, the action log's and the papers' rows of the snapshot."""
    decisions, actions = [], []
    for item in content["items"]:
        if item["withheld"]:
            continue
        decisions += [
            PublishedDecision(publication=publication, item_number=item["number"], **d)
            for d in item["decisions"]
        ]
        actions += [
            PublishedAction(
                publication=publication,
                action_id=a["pk"],
                reference=a["reference"],
                item_number=item["number"],
                description=a["description"],
                owner=a["owner"],
                due_date=a["due_date"],
                status_at_approval=a["status_at_approval"],
            )
            for a in item["actions"]
        ]
        for paper in item["papers"]:
            # The snapshot links the paper through its public row, not its id.
            row = PublishedPaper.objects.create(
                publication=publication,
                paper_id=paper.pop("pk"),
                item_number=item["number"],
                name=paper["name"],
                content_type=paper["content_type"],
                size=paper["size"],
            )
            paper["public_pk"] = row.pk
    PublishedDecision.objects.bulk_create(decisions)
    PublishedAction.objects.bulk_create(actions)
    publication.save(update_fields=["content"])


@transaction.atomic
def withdraw_publication(publication, *, by, reason, now):
    """Take published minutes off the public pages, saying why and when."""
    _refuse_unless_opcc(by)
    publication = PublishedMeeting.objects.select_for_update().get(pk=publication.pk)
    if publication.is_withdrawn:
        raise Refused("This publication is already withdrawn: nothing was changed.")
    if not reason.strip():
        raise Refused("Say why the publication is withdrawn.")
    publication.withdrawn_at = now
    publication.withdrawn_by = by
    publication.withdrawn_reason = reason.strip()
    publication.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    return publication


def today_status(action, today):
    """An action's status today, dated, for the public pages; None when it is no
    longer there or no longer published."""
    if action is None or not is_public(action):
        return None
    if action.status == Action.Status.CLOSED and action.closed_at:
        return f"Closed on {timezone.localdate(action.closed_at):%-d %b %Y}"
    return f"{action.get_status_display()} on {today:%-d %b %Y}"
