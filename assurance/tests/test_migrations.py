import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    # makemigrations --check exits non-zero when a migration is missing.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_rolling_back_past_the_ledger_needs_saying_so(monkeypatch):
    from django.db.migrations.exceptions import IrreversibleError

    from actions.models import Reminder
    from actions.tests.reminder_support import action_due

    Reminder.objects.create(
        action=action_due(None), kind="overdue", for_date="2021-09-24", state="sent"
    )
    try:
        with pytest.raises(IrreversibleError, match=r"1 actions\.Reminder"):
            call_command("migrate", "actions", "0010", verbosity=0)

        monkeypatch.setenv("ALLOW_DROPPING_RECORDS", "yes")
        call_command("migrate", "actions", "0010", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)  # every app back to its latest
    assert Reminder.objects.count() == 1
