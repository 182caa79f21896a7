"""The worker's hand-out (手渡し用の案内): services a worker picked, printable and shareable.

The page is built from query parameters (``/handout/new?service=<uuid>&lang=en``) so nothing is
stored until the worker asks for a short link; the link (``/h/<code>``) then stores only the
service ids and the language (``Handout``), never who it is for. Everything the page needs to
print is inline (SVG QR codes and the overview map), so printing needs no network.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import segno
from django.conf import settings
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import check_for_language, gettext, pgettext

from directory.models import Handout
from directory.models.handouts import MAX_HANDOUT_SERVICES
from directory.selectors import HandoutItem, handout_items

logger = logging.getLogger(__name__)


def parse_service_ids(values: Iterable[str]) -> list[UUID]:
    """Valid UUIDs from repeated ``service`` parameters, first occurrence kept, at most ten."""
    ids: list[UUID] = []
    for value in values:
        for part in str(value).split(","):
            try:
                hsds_id = UUID(part.strip())
            except ValueError:
                continue
            if hsds_id not in ids:
                ids.append(hsds_id)
    return ids[:MAX_HANDOUT_SERVICES]


def handout_language(value: str | None, *, default: str) -> str:
    """A site language code for the hand-out, or ``default`` when ``value`` is not one."""
    codes = {code for code, _name in settings.LANGUAGES}
    if value in codes and check_for_language(value):
        return value
    return default


@transaction.atomic
def handout_create(*, service_ids: list[UUID], language: str) -> Handout:
    """Store a hand-out as a short link; retries the random code on the rare collision."""
    for _attempt in range(5):
        handout = Handout(service_ids=[str(i) for i in service_ids], language=language)
        if not Handout.objects.filter(code=handout.code).exists():
            handout.save()
            return handout
    raise RuntimeError("could not find a free hand-out code")


def handout_get(*, code: str) -> Handout | None:
    return Handout.objects.filter(code=code.upper()).first()


def handouts_delete_expired(*, now: datetime | None = None) -> int:
    """Delete the short links whose ``expires_at`` has passed; returns how many went.

    Run daily (``manage.py delete_expired_handouts``). Between expiry and the run, ``/h/<code>``
    already answers 410, so the schedule only keeps the table small; the rows hold no personal
    data, so nothing else needs to be scrubbed.
    """
    cutoff = now or timezone.now()
    deleted, _detail = Handout.objects.filter(expires_at__lte=cutoff).delete()
    return deleted


def qr_data_uri(url: str) -> str:
    """An SVG QR code as a ``data:`` URI for an ``<img>`` (so it has alt text and prints)."""
    return segno.make(url, error="m").svg_data_uri(scale=3, border=2, dark="#000")


# --- the overview map --------------------------------------------------------------------------


@dataclass(frozen=True)
class MapMarker:
    """A pill with the numbers of the places at one point (two services often share an office)."""

    label: str
    x: float
    y: float

    @property
    def width(self) -> float:
        return 22 + 9 * (len(self.label) - 1)

    @property
    def box_x(self) -> float:
        return round(self.x - self.width / 2, 1)

    @property
    def box_y(self) -> float:
        return round(self.y - 11, 1)


@dataclass(frozen=True)
class OverviewMap:
    """Numbered points on a plain SVG, with a scale bar; no tiles, so it prints offline."""

    width: int
    height: int
    markers: list[MapMarker]
    scale_px: float
    scale_label: str


_NICE_METRES = (100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000)


def overview_map(
    items: list[HandoutItem], *, width: int = 320, height: int = 180
) -> OverviewMap | None:
    """Where the places lie relative to each other (north up), or None without coordinates."""
    points = [
        (item.number, place.location.latitude, place.location.longitude)
        for item in items
        for place in item.places[:1]
        if place.has_coordinates
    ]
    if not points:
        return None
    mean_lat = sum(p[1] for p in points) / len(points)
    metres_per_deg_lat = 111_320.0
    metres_per_deg_lng = metres_per_deg_lat * math.cos(math.radians(mean_lat))
    xs = [p[2] * metres_per_deg_lng for p in points]
    ys = [p[1] * metres_per_deg_lat for p in points]
    span = max(max(xs) - min(xs), (max(ys) - min(ys)) * width / height, 600.0)
    pad = 28
    scale = (width - 2 * pad) / span  # px per metre
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    at_point: dict[tuple[float, float], list[int]] = {}
    for (number, _lat, _lng), x, y in zip(points, xs, ys, strict=True):
        position = (
            round(width / 2 + (x - cx) * scale, 1),
            round(height / 2 - (y - cy) * scale, 1),
        )
        at_point.setdefault(position, []).append(number)
    markers = [
        MapMarker(label=",".join(str(n) for n in numbers), x=x, y=y)
        for (x, y), numbers in at_point.items()
    ]
    target = (width - 2 * pad) / 3 / scale
    metres = max([m for m in _NICE_METRES if m <= target] or [_NICE_METRES[0]])
    label = f"{metres // 1000:g} km" if metres >= 1000 and metres % 1000 == 0 else f"{metres} m"
    if metres >= 1000 and metres % 1000:
        label = f"{metres / 1000:g} km"
    return OverviewMap(
        width=width,
        height=height,
        markers=markers,
        scale_px=round(metres * scale, 1),
        scale_label=label,
    )


# --- the hand-out by e-mail --------------------------------------------------------------------


class HandoutMailError(Exception):
    """The mail could not go out; the message never names the address."""


def handout_mail_send(*, handout: Handout, to: str) -> None:
    """Send the hand-out's services and its link to ``to``, in the hand-out's language.

    The address is used for this one message only: it is not stored, not put in a message
    shown later, and not logged (a failure logs the error's kind, since SMTP errors quote
    the recipient). The body holds what the hand-out holds, never anything about a client.
    """
    validate_email(to)
    with translation.override(handout.language):
        lang_suffix = (
            "" if handout.language == settings.LANGUAGE_CODE else f"?lang={handout.language}"
        )
        items = [
            MailItem(
                item=item,
                link=settings.SITE_URL
                + reverse("directory:service_by_id", args=[item.service.hsds_id])
                + lang_suffix,
            )
            for item in handout_items(hsds_ids=parse_service_ids(handout.service_ids))
        ]
        context = {
            "items": items,
            "handout_url": settings.SITE_URL + reverse("directory:handout", args=[handout.code]),
            "until": date_format(
                timezone.localtime(handout.expires_at), pgettext("日付の書式", "Y年n月j日")
            ),
        }
        subject = "[つなぐ] " + gettext("支援の案内")
        body = render_to_string("directory/email/handout.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    except Exception as error:  # the SMTP error's text holds the address: log its kind only
        logger.warning("hand-out %s mail failed: %s", handout.code, type(error).__name__)
        raise HandoutMailError from None


@dataclass(frozen=True)
class MailItem:
    """A hand-out item with the absolute link to its page (the mail is read elsewhere)."""

    item: HandoutItem
    link: str
