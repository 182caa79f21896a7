from referrals.models.audit import AccessLog
from referrals.models.clients import Client, Consent, SupportConference
from referrals.models.favourites import FavouriteItem, FavouriteList
from referrals.models.people import Agency, AgencyMembership, PlatformRole, ProviderMembership
from referrals.models.referrals import Notification, Referral, ReferralEvent, ReferralReminder

__all__ = [
    "AccessLog",
    "Agency",
    "AgencyMembership",
    "Client",
    "Consent",
    "FavouriteItem",
    "FavouriteList",
    "Notification",
    "PlatformRole",
    "ProviderMembership",
    "Referral",
    "ReferralEvent",
    "ReferralReminder",
    "SupportConference",
]
