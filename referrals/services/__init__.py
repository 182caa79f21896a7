"""Writes of the referral workflow, one module per subject; callers import from here.

* ``clients``: clients and the basis for sharing (本人同意, 支援会議)
* ``submit``: creating a referral, and the refer form's one entry point ``referral_submit``
* ``moves``: the referral's moves (``referral_send`` … ``referral_cancel``, ``referral_act``)
* ``notifications``: in-app rows and email after commit
* ``reminders``: reminders and escalation of unanswered referrals
* ``retention``: anonymising clients after the retention period
* ``directory``: what the directory asks of referrals (a duplicate service merged away)

Each function is keyword-only and runs in one transaction.
"""

from referrals import access
from referrals.services.clients import (
    client_create,
    consent_record,
    consent_withdraw,
    support_conference_record,
)
from referrals.services.directory import referrals_service_reassign
from referrals.services.moves import (
    provider_link_revoke,
    referral_accept,
    referral_act,
    referral_cancel,
    referral_close,
    referral_complete,
    referral_decline,
    referral_mark_logged,
    referral_send,
    referral_start,
)
from referrals.services.notifications import notification_mark_read
from referrals.services.reminders import ReminderRun, referral_reminders_send
from referrals.services.retention import clients_anonymise
from referrals.services.submit import (
    CODE_ALPHABET,
    ConsentInput,
    ManySubmission,
    Submission,
    referral_code_generate,
    referral_create_and_send,
    referral_create_draft,
    referral_log_external,
    referral_submit,
    referrals_submit_many,
)

__all__ = [
    "CODE_ALPHABET",
    "ConsentInput",
    "ReminderRun",
    "Submission",
    "access",
    "client_create",
    "clients_anonymise",
    "consent_record",
    "consent_withdraw",
    "notification_mark_read",
    "provider_link_revoke",
    "referral_accept",
    "referral_act",
    "referral_cancel",
    "referral_close",
    "referral_code_generate",
    "referral_complete",
    "referral_create_and_send",
    "referral_create_draft",
    "referral_decline",
    "referral_log_external",
    "referral_mark_logged",
    "referral_reminders_send",
    "referral_send",
    "referral_start",
    "referral_submit",
    "referrals_submit_many",
    "ManySubmission",
    "referrals_service_reassign",
    "support_conference_record",
]
