import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Japanese: a request through LocaleMiddleware leaves its language
    active in the thread, and with the English catalogue that would leak into the next test."""
    from django.utils import translation

    translation.activate("ja")
    yield
    translation.deactivate()


@pytest.fixture
def directory_index(db):
    from directory.services import site_structure_ensure

    return site_structure_ensure()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's ``admin_client``, past two-factor sign-in (superusers need it)."""
    from tests.otp import login_verified

    login_verified(client, admin_user)
    return client
