"""What the directory asks of the referral app when its listings change.

Decision (issue 10): ``ProviderMembership`` stays in ``referrals`` because it grants reading
referrals (``referrals.access``); the directory manages listings and never writes referral rows
itself. When a coordinator merges a duplicate service (``directory.providers.duplicates``), it
calls ``referrals_service_reassign`` here, so the rule of what moves lives with the referrals.
"""

from __future__ import annotations

from django.db import transaction

from directory.models import ServicePage
from referrals.access import User
from referrals.models import FavouriteItem, Referral


def referrals_service_reassign(
    *, from_service: ServicePage, to_service: ServicePage, by: User
) -> int:
    """Point the referrals to ``from_service`` at ``to_service``; returns how many moved.

    Only ``Referral.service`` moves: ``Referral.organization`` is who received the referral and
    whose staff may see the client's data under the consent given, so it is never rewritten
    (nor ``service_title``, the name the sender saw). ``by`` is the coordinator merging; the
    merge itself (``ServiceMerge``) records who and when. The agencies' lists of favourite
    services follow too (a list already holding ``to_service`` keeps it once).
    """
    with transaction.atomic():
        holding = FavouriteItem.objects.filter(service=to_service).values("favourite_list_id")
        FavouriteItem.objects.filter(service=from_service, favourite_list_id__in=holding).delete()
        FavouriteItem.objects.filter(service=from_service).update(service=to_service)
        return Referral.objects.filter(service=from_service).update(service=to_service)
