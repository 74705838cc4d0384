"""Runs the test provider on a free loopback port and prints the port.

PROVIDER_DATABASE=... PROVIDER_SIGNING_KEY=<PEM> PROVIDER_PEOPLE=<JSON>
PROVIDER_CLIENT=<JSON: client_id, client_secret, redirect_uri>
python -m signin.tests.oidc_provider.serve
"""

import json
import os
import socketserver
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "signin.tests.oidc_provider.settings"
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, person in json.loads(os.environ["PROVIDER_PEOPLE"]).items():
        User.objects.create_user(username, password=person["password"])
    client = json.loads(os.environ["PROVIDER_CLIENT"])
    Application.objects.create(
        name="Assurance",
        client_id=client["client_id"],
        client_secret=client["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=client["redirect_uri"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server(
        "127.0.0.1",
        0,
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
