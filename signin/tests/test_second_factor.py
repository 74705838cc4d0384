import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AccessEvent
from signin.tests.conftest import sign_in

pytestmark = pytest.mark.django_db
HOME = reverse("actions:home")
SETUP = reverse("signin:setup")
VERIFY = reverse("signin:verify")


def code_for(device, shift=0):
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=shift):06d}"


@pytest.fixture
def opcc_with_app(opcc_user):
    return TOTPDevice.objects.create(user=opcc_user, name="Phone", confirmed=True)


def test_without_an_app_and_not_required_opcc_staff_go_straight_in(opcc_user):
    client, response = sign_in("opcc")

    assert response["Location"] == HOME
    page = client.get(HOME)
    assert page.status_code == 200
    assert "Two-step sign-in" in page.text


def test_the_force_are_not_offered_it(force_user):
    client, _ = sign_in("force")

    assert "Two-step sign-in" not in client.get(HOME).text
    assert client.get(SETUP)["Location"] == HOME


def test_with_an_app_every_page_waits_for_the_code(opcc_with_app):
    client, _ = sign_in("opcc")

    response = client.get(reverse("actions:list"))

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Factions%2F"
    assert client.get(response["Location"]).status_code == 200


def test_the_right_code_lets_them_in(opcc_with_app):
    client, _ = sign_in("opcc")

    response = client.post(
        VERIFY, {"code": code_for(opcc_with_app), "next": "/actions/"}
    )

    assert response["Location"] == "/actions/"
    assert client.get("/actions/").status_code == 200


def test_a_wrong_code_is_refused_and_recorded(opcc_with_app):
    client, _ = sign_in("opcc")
    wrong = f"{(int(code_for(opcc_with_app)) + 1) % 1000000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert "not right or has expired" in response.text
    assert client.get(HOME).status_code == 302
    failed = AccessEvent.objects.get(kind=AccessEvent.Kind.SIGN_IN_FAILED)
    assert failed.detail == "wrong authenticator code"


def test_the_code_does_not_redirect_off_site(opcc_with_app):
    client, _ = sign_in("opcc")

    response = client.post(
        VERIFY, {"code": code_for(opcc_with_app), "next": "https://evil.example/"}
    )

    assert response["Location"] == HOME


def test_required_an_opcc_user_without_an_app_must_set_one_up(opcc_user, settings):
    settings.REQUIRE_2FA = True
    client, _ = sign_in("opcc")

    response = client.get(HOME)

    assert response["Location"] == f"{SETUP}?next=%2F"
    page = client.get(SETUP)
    assert "<svg" in page.text
    assert "QR code for your authenticator app" in page.text
    device = TOTPDevice.objects.get(user=opcc_user, confirmed=False)
    key = re.search(r"<code[^>]*>([A-Z2-7=]+)</code>", page.text).group(1)
    assert base64.b32decode(key) == device.bin_key

    done = client.post(SETUP, {"code": code_for(device), "next": "/"})

    assert done["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200


def test_required_a_superuser_must_too(superuser, settings):
    settings.REQUIRE_2FA = True
    client, _ = sign_in("root")

    assert client.get(reverse("admin:index"))["Location"].startswith(SETUP)


def test_required_the_force_are_not_asked(force_user, settings):
    settings.REQUIRE_2FA = True
    client, _ = sign_in("force")

    assert client.get(HOME).status_code == 200


def test_setting_up_with_a_wrong_code_confirms_nothing(opcc_user):
    client, _ = sign_in("opcc")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=opcc_user)

    response = client.post(
        SETUP, {"code": "000000" if code_for(device) != "000000" else "111111"}
    )

    assert "not right or has expired" in response.text
    device.refresh_from_db()
    assert not device.confirmed


def test_once_on_the_page_says_so_and_offers_no_new_code(opcc_with_app):
    client, _ = sign_in("opcc")
    client.post(VERIFY, {"code": code_for(opcc_with_app)})

    page = client.get(SETUP)

    assert "Two-step sign-in is on" in page.text
    assert "<svg" not in page.text
    assert TOTPDevice.objects.count() == 1


def test_signing_out_is_allowed_before_the_code(opcc_with_app):
    client, _ = sign_in("opcc")

    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_two_devices_waiting_from_two_first_visits_still_give_the_page(opcc_user):
    client, _ = sign_in("opcc")
    for _ in range(2):
        TOTPDevice.objects.create(user=opcc_user, confirmed=False, name="Phone")

    response = client.get(SETUP)

    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=opcc_user).count() == 2
