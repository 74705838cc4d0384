"""A real OpenID Connect provider for the single sign-on tests: a small Django
project on django-oauth-toolkit, run in its own process by `serve.py`."""
