"""Django's SMTP backend, telling an email that failed from one whose fate is unknown.

A conversation that breaks after the message was handed over (the server stopped
answering, or hung up, while we waited for its reply to the message) may well have
delivered it: sending it again would send it twice. Settings use this backend
wherever EMAIL_URL names an SMTP server.
"""

import smtplib

from django.core.mail.backends import smtp

END_OF_MESSAGE = b"\r\n.\r\n"


class OutcomeUnknown(Exception):
    """The server had the whole message when the conversation broke."""


class HandoverMixin:
    """Notes whether the last message's final line reached the server's socket."""

    handed_over = False

    def data(self, msg):
        self.handed_over = False
        return super().data(msg)

    def send(self, s):
        super().send(s)
        # smtplib sends the message, ending in <CRLF>.<CRLF>, in one call, after
        # the server's 354 "go ahead"; commands are sent as str.
        if isinstance(s, bytes) and s.endswith(END_OF_MESSAGE):
            self.handed_over = True


class HandoverSMTP(HandoverMixin, smtplib.SMTP):
    pass


class HandoverSMTPSSL(HandoverMixin, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return HandoverSMTPSSL if self.use_ssl else HandoverSMTP

    def _send(self, email_message):
        try:
            return super()._send(email_message)
        except smtplib.SMTPResponseException:
            raise  # The server answered: the email failed.
        # A timeout, a reset or a hang-up (all OSErrors).
        except OSError as error:
            if self.connection is None or not self.connection.handed_over:
                raise
            # No QUIT on the way out: the server has stopped answering, and
            # waiting for it again would only replace this error with a timeout.
            broken, self.connection = self.connection, None
            broken.close()
            raise OutcomeUnknown(
                "The mail server took the whole message but did not say whether "
                f"it accepted it ({error or type(error).__name__})."
            ) from error
