"""Development e-mail: one line per mail on the console instead of the whole MIME message."""

from __future__ import annotations

from typing import Any

from django.core.mail.backends.console import EmailBackend


class OneLineConsoleEmailBackend(EmailBackend):
    """``make run`` sends demo notifications: one line each says a mail went out, without
    filling the terminal. Neither addresses nor the body (it may hold a signed link) are
    printed; tests use the locmem backend to read whole mails."""

    def write_message(self, message: Any) -> None:
        count = len(message.recipients())
        self.stream.write(f"[mail] {message.subject} ({count} recipient(s))\n")
