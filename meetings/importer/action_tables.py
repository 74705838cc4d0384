"""Action tables and logs: "Action / Owner / Deadline / Status" and their kin.

A table is an action table when its heading row names an action column and at least
one of owner, due date or status; each later row is one action, read by column.
"""

import re
from dataclasses import dataclass

COLUMN_ROLES = [
    # (role, headings): the first role whose heading matches a cell wins the column.
    (
        "new_due",
        {
            "new date",
            "revised date",
            "revised deadline",
            "new deadline",
            "new target date",
            "revised target date",
            "revised due date",
        },
    ),
    (
        "due",
        {
            "deadline",
            "target date",
            "due date",
            "due",
            "date due",
            "by when",
            "timescale",
            "timescales",
            "target",
            "completion date",
            "date for completion",
            "target completion date",
            "due by",
            "target deadline",
            "by date",
        },
    ),
    (
        "owner",
        {
            "owner",
            "owners",
            "lead",
            "leads",
            "responsibility",
            "responsible",
            "by whom",
            "who",
            "action by",
            "action owner",
            "lead officer",
            "officer",
            "responsible officer",
            "lead member",
            "assigned to",
            "action lead",
            "owner(s)",
            "lead(s)",
            "responsible person",
            "person responsible",
        },
    ),
    (
        "status",
        {
            "status",
            "rag",
            "rag status",
            "complete",
            "completed",
            "open/closed",
            "current status",
        },
    ),
    (
        "update",
        {
            "update",
            "updates",
            "progress",
            "progress update",
            "comments",
            "comment",
            "notes",
            "latest update",
            "update/comments",
            "commentary",
            "response",
            "outcome",
        },
    ),
    (
        "action",
        {
            "action",
            "actions",
            "action required",
            "action agreed",
            "agreed action",
            "action point",
            "action points",
            "description",
            "action description",
            "actions agreed",
            "action to be taken",
            "detail",
            "details",
            "action/decision",
        },
    ),
    (
        "item",
        {
            "item",
            "relevant item",
            "minute",
            "minute ref",
            "minute no",
            "min ref",
            "agenda item",
            "paper",
            "ref",
            "ref.",
            "reference",
            "no",
            "no.",
            "number",
            "#",
            "action no",
            "action no.",
            "ref no",
            "item no",
            "item no.",
            "meeting",
            "meeting date",
            "date raised",
            "date of meeting",
            "minute reference",
            "action ref",
            "topic",
            "subject",
            "source",
        },
    ),
]
HEADING_ROLES = {
    heading: role for role, headings in COLUMN_ROLES for heading in headings
}

STATUS_WORDS = [
    (
        re.compile(r"\b(?:closed|discharged|signed[\s-]off|close)\b", re.IGNORECASE),
        "closed",
    ),
    (
        re.compile(
            r"\b(?:complete|completed|done|achieved|delivered)\b", re.IGNORECASE
        ),
        "completed",
    ),
    (
        re.compile(
            r"\b(?:ongoing|on-going|in[\s-]progress|c/f(?:wd)?|carried\s+forward|"
            r"carry\s+forward|on\s+track|underway|under\s+way|started|amber|"
            r"partially)\b",
            re.IGNORECASE,
        ),
        "in_progress",
    ),
    (
        re.compile(
            r"\b(?:open|new|not\s+started|red|outstanding|overdue)\b", re.IGNORECASE
        ),
        "open",
    ),
]


def status_from_words(text):
    """The status a status cell or update line means, or None."""
    for pattern, status in STATUS_WORDS:
        if pattern.search(text):
            return status
    return None


def heading_key(text):
    return " ".join(re.sub(r"[^\w/#.()]+", " ", text.lower()).split()).strip(" .:")


@dataclass
class Columns:
    """Which cell of an action table's rows holds what."""

    roles: dict  # role -> cell index
    width: int

    def cell(self, cells, role):
        index = self.roles.get(role)
        if index is None or index >= len(cells):
            return ""
        return cells[index]


def _role_of_parts(key):
    """ "status/ comment", "owner / lead": the first part that names a role."""
    for part in re.split(r"\s*/\s*|\s+and\s+|\s*&\s*", key):
        if role := HEADING_ROLES.get(part.strip(" .:")):
            return role
    return None


def action_table_columns(cells):
    """Columns of an action table when `cells` is its heading row, else None."""
    roles = {}
    for index, text in enumerate(cells):
        key = heading_key(text)
        role = HEADING_ROLES.get(key) or _role_of_parts(key)
        if role is None and key.startswith("action") and len(key) < 30:
            role = "action" if "by" not in key else "owner"
        if role and role not in roles:
            roles[role] = index
    if "due" not in roles:
        # A plain "Date" column is the deadline only when no other column is.
        for index, text in enumerate(cells):
            if (
                heading_key(text) in {"date", "when", "by"}
                and index not in roles.values()
            ):
                roles["due"] = index
                break
    if "action" in roles and {"owner", "due", "status", "new_due"} & roles.keys():
        return Columns(roles=roles, width=len(cells))
    return None
