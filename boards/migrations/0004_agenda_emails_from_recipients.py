"""Agendas issued before the ledger were emailed in the request: each address
they went to becomes a sent email, and the list of addresses goes."""

from django.db import migrations


def emails_from_recipients(apps, schema_editor):
    AgendaIssue = apps.get_model("boards", "AgendaIssue")
    AgendaEmail = apps.get_model("boards", "AgendaEmail")
    AgendaEmail.objects.bulk_create(
        AgendaEmail(
            issue=issue,
            name=address,
            address=address,
            state="sent",
            send_after=issue.issued_at,
            finished_at=issue.issued_at,
        )
        for issue in AgendaIssue.objects.all()
        for address in issue.recipients
    )


def recipients_from_emails(apps, schema_editor):
    AgendaIssue = apps.get_model("boards", "AgendaIssue")
    for issue in AgendaIssue.objects.all():
        issue.recipients = list(
            issue.emails.order_by("pk").values_list("address", flat=True)
        )
        issue.save(update_fields=["recipients"])


class Migration(migrations.Migration):
    dependencies = [("boards", "0003_agenda_emails")]

    operations = [
        migrations.RunPython(emails_from_recipients, recipients_from_emails),
        migrations.RemoveField(model_name="agendaissue", name="recipients"),
    ]
