"""Atom feed of changed and removed listings (/feeds/changes.atom).

Another directory follows our changes here instead of downloading everything again: each
entry is a service published (new or changed) or taken down, newest first, linking to its
HSDS record. ``/api/hsds/services?modified_after=…`` gives the full records since a moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import PageLogEntry

from directory.hsds.selectors import public_services
from directory.models import ServicePage

FEED_LENGTH = 100
REMOVAL_ACTIONS = ("wagtail.unpublish", "wagtail.delete")


@dataclass(frozen=True)
class Change:
    key: str  # stable per change: the entry id
    title: str
    link: str
    moment: datetime
    removed: bool
    confirmed: str = ""


def listing_changes(*, limit: int = FEED_LENGTH) -> list[Change]:
    """The latest publications and removals of services, newest first."""
    changes = [
        Change(
            key=f"{service.hsds_id}:{service.last_published_at.isoformat()}",
            title=service.title,
            link=reverse("directory:service_by_id", kwargs={"hsds_id": service.hsds_id}),
            moment=service.last_published_at,
            removed=False,
            confirmed=service.assured_date.isoformat() if service.assured_date else "",
        )
        for service in public_services()
        .filter(last_published_at__isnull=False)
        .order_by("-last_published_at", "-pk")[:limit]
    ]
    service_type = ContentType.objects.get_for_model(ServicePage)
    live_ids = set(public_services().values_list("pk", flat=True))
    for entry in PageLogEntry.objects.filter(
        action__in=REMOVAL_ACTIONS, content_type=service_type
    ).order_by("-timestamp", "-pk")[:limit]:
        if entry.page_id in live_ids:
            continue  # published again since; its publication is the newer entry
        changes.append(
            Change(
                key=f"removed:{entry.page_id}:{entry.timestamp.isoformat()}",
                title=entry.label,
                link=reverse("directory:feed_changes"),
                moment=entry.timestamp,
                removed=True,
            )
        )
    changes.sort(key=lambda change: change.moment, reverse=True)
    return changes[:limit]


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _lazy("つなぐ 社会資源ディレクトリの更新")
    subtitle = _lazy("掲載内容が変わった支援と、掲載を終えた支援（新しい順）")
    # RFC 4287 4.1.1: a feed without an author on every entry must name one itself.
    author_name = _lazy("つなぐ")

    def link(self) -> str:
        return reverse("directory:feed_changes")

    def items(self) -> list[Change]:
        return listing_changes()

    def item_title(self, item: Change) -> str:
        return _("掲載終了: %(name)s") % {"name": item.title} if item.removed else item.title

    def item_description(self, item: Change) -> str:
        if item.removed:
            return _("この支援は掲載を終えました。")
        if item.confirmed:
            return _("%(date)s時点の情報です。") % {"date": item.confirmed}
        return _("掲載内容が更新されました。")

    def item_link(self, item: Change) -> str:
        return item.link

    def item_guid(self, item: Change) -> str:
        return f"tag:tsunagu,2025:change:{item.key}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: Change) -> datetime:
        return item.moment

    def item_pubdate(self, item: Change) -> datetime:
        return item.moment
