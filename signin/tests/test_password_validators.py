import pytest
from django.contrib.auth.forms import SetPasswordForm


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "accepted"),
    [("Tr0ub4dor&3x", True), ("Tr0ub4dor&3", False), ("password1234", False)],
    ids=["twelve", "eleven", "common"],
)
def test_a_new_password_needs_twelve_characters_and_not_a_common_one(
    opcc_user, password, accepted
):
    form = SetPasswordForm(
        opcc_user, {"new_password1": password, "new_password2": password}
    )

    assert form.is_valid() is accepted
    if password == "Tr0ub4dor&3":
        assert "at least 12 characters" in str(form.errors)
