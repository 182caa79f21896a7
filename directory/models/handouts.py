"""A worker's hand-out as a short link: which services, in which language, until when.

It holds no personal data on purpose (no client, no worker, no note): the link is meant to be
given to the client, printed or sent by SMS, and may be forwarded. It expires after 30 days
because a list of opening hours and intake states goes stale.
"""

import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HANDOUT_LIFETIME = timedelta(days=30)
# No 0/O, 1/I/L: the code may be read aloud or typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MAX_HANDOUT_SERVICES = 10


def new_handout_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def default_expiry():
    return timezone.now() + HANDOUT_LIFETIME


class Handout(models.Model):
    code = models.CharField(
        _("コード"), max_length=16, unique=True, default=new_handout_code, editable=False
    )
    # HSDS ids of ServicePage, in the order the worker chose them.
    service_ids = models.JSONField(_("支援サービスのID"), default=list)
    language = models.CharField(_("言語"), max_length=10, default="ja")
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有効期限"), default=default_expiry)

    class Meta:
        verbose_name = _("手渡し用の案内")
        verbose_name_plural = _("手渡し用の案内")
        indexes = [models.Index(fields=["expires_at"], name="handout_expires_idx")]

    def __str__(self) -> str:
        return self.code

    def is_expired(self, now=None) -> bool:
        return self.expires_at <= (now or timezone.now())
