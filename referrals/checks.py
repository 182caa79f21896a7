"""Deploy checks (``manage.py check --deploy``) for the referral app's secrets."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def field_encryption_keys_check(app_configs, **kwargs):
    if getattr(settings, "FIELD_ENCRYPTION_KEYS", None):
        return []
    return [
        Warning(
            "FIELD_ENCRYPTION_KEYS is not set: client data is encrypted with a key derived "
            "from SECRET_KEY.",
            hint="Set FIELD_ENCRYPTION_KEYS to a list of Fernet keys, newest first "
            "(cryptography.fernet.Fernet.generate_key()).",
            id="referrals.W001",
        )
    ]
