"""Rate limits on what anyone may ask of the public site, by IP address (django-ratelimit on
Django's cache: use a shared cache in production, ``locmem`` counts per process).

Each limit is a setting read at call time, so a deploy or a test may change it:

* ``PROVIDERS_PUBLIC_FORM_RATE`` (``5/h``): 「掲載を申し込む」 and 「情報の誤りを報告」.
* ``HANDOUT_CREATE_RATE`` (``30/h``): hand-outs stored as short links without signing in.
* ``HSDS_DUMP_RATE`` (``30/h``): the whole HSDS API list as NDJSON.
* ``HANDOUT_MAIL_RATE`` (``20/h``): hand-outs sent by e-mail (signed-in staff only, but a
  stolen session must not turn the site into a mail cannon).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import ALL, is_ratelimited

DEFAULT_RATES = {
    "PROVIDERS_PUBLIC_FORM_RATE": "5/h",
    "HANDOUT_CREATE_RATE": "30/h",
    "HSDS_DUMP_RATE": "30/h",
    "HANDOUT_MAIL_RATE": "20/h",
}


def over_limit(request: HttpRequest, *, group: str, setting: str, method: object = ALL) -> bool:
    """Count this request against ``group`` from its IP address; True once over the rate."""
    rate = getattr(settings, setting, DEFAULT_RATES[setting])
    return is_ratelimited(request, group=group, key="ip", rate=rate, method=method, increment=True)
