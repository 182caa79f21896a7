"""Development e-mail (``platform_site.mail``): one line per mail, nothing of its body."""

from __future__ import annotations

import io

from django.core.mail import EmailMessage

from platform_site.mail import OneLineConsoleEmailBackend


def test_console_backend_prints_one_line_per_mail_without_body_or_address():
    stream = io.StringIO()
    backend = OneLineConsoleEmailBackend(stream=stream)
    mails = [
        EmailMessage(
            "[つなぐ] 新しい紹介", "https://x/referrals/link/secret/", to=["a@example.jp"]
        ),
        EmailMessage("[つなぐ] 期限のお知らせ", "本文", to=["b@example.jp", "c@example.jp"]),
    ]

    assert backend.send_messages(mails) == 2

    lines = stream.getvalue().splitlines()
    assert lines == [
        "[mail] [つなぐ] 新しい紹介 (1 recipient(s))",
        "[mail] [つなぐ] 期限のお知らせ (2 recipient(s))",
    ]
    assert "secret" not in stream.getvalue() and "example.jp" not in stream.getvalue()
