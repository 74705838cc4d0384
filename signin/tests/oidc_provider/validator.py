import json
import os

from oauth2_provider.oauth2_validators import OAuth2Validator

PEOPLE = json.loads(os.environ.get("PROVIDER_PEOPLE", "{}"))


class ClaimsValidator(OAuth2Validator):
    """Each person's claims are as the test wrote them (PROVIDER_PEOPLE), so a
    test can leave out email_verified, or set it false, as real providers do."""

    # Every claim the test gave, whatever scope it belongs to.
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        return PEOPLE[request.user.username]["claims"]
