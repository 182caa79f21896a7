"""Screens of the referral workflow (docs/referrals.md): thin views over access, selectors, services.

Every referral and client is fetched through ``referrals.access`` (anything not allowed is a 404),
every read of personal data goes through ``access.client_view_for`` / ``client_record_for``
(which write the access log), and every change through ``referrals.services``. URLs carry
referral codes and numeric ids only, never a name.
"""

from referrals.views.coordinator import access_log
from referrals.views.favourites import (
    favourite_list_create,
    favourite_list_delete,
    favourite_list_detail,
    favourite_list_rename,
    favourite_service,
)
from referrals.views.notifications import (
    notification_list,
    notification_read,
    notification_read_all,
)
from referrals.views.provider import inbox, provider_link
from referrals.views.referral import referral_act, referral_detail, referral_slip
from referrals.views.worker import (
    client_detail,
    consent_withdraw,
    referral_list,
    referral_new,
)

__all__ = [
    "access_log",
    "client_detail",
    "consent_withdraw",
    "favourite_list_create",
    "favourite_list_delete",
    "favourite_list_detail",
    "favourite_list_rename",
    "favourite_service",
    "inbox",
    "notification_list",
    "notification_read",
    "notification_read_all",
    "provider_link",
    "referral_act",
    "referral_detail",
    "referral_list",
    "referral_new",
    "referral_slip",
]
