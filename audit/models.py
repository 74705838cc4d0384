"""The access log: who signed in, was refused, downloaded or exported what, and when.

Append-only. The application has no path to change or remove a row (save, delete and
the queryset refuse), and on PostgreSQL a trigger refuses UPDATE and DELETE from any
client (migration 0002).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an access log entry."""

    def __init__(self):
        super().__init__("The access log is append-only: entries cannot be changed.")


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError

    def delete(self):
        raise AppendOnlyError

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError

    def update_or_create(self, defaults=None, **kwargs):
        raise AppendOnlyError


class AccessEvent(models.Model):
    """One thing a person did or was refused, with when and from which address."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        SIGNED_OUT = "signed_out", "Signed out"
        PERMISSION_DENIED = "permission_denied", "Permission denied"
        DOWNLOAD = "download", "Download"
        EXPORT = "export", "Export"
        PASSWORD_RESET_REQUESTED = "password_reset", "Password reset asked for"
        PASSWORD_RESET_REFUSED = "password_reset_refused", "Password reset refused"
        VIEWED_SENSITIVE = "viewed_sensitive", "Viewed OFFICIAL-SENSITIVE"
        # What administrators do to accounts (people/): the detail names whose.
        INVITED = "invited", "Invited"
        ROLE_CHANGED = "role_changed", "Role changed"
        DEACTIVATED = "deactivated", "Account deactivated"
        REACTIVATED = "reactivated", "Account reactivated"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    # PROTECT: a person's trail outlives them; accounts are deactivated, not deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_events",
    )
    # As typed at sign-in, so failures for names that are no account are kept too.
    username = models.CharField(max_length=150, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(max_length=2000, blank=True)
    # An export's filters, as the query string it was asked with.
    query = models.TextField(blank=True)
    detail = models.TextField(blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "at"], name="audit_kind_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError
