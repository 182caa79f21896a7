import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Lockout counts live in the database (AccessAttempt), but keep tests independent anyway."""
    cache.clear()
    yield
    cache.clear()


PASSWORD = "correct horse battery staple"


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def member(django_user_model):
    """A plain account (no role that needs two-factor sign-in)."""
    return django_user_model.objects.create_user("member", "member@example.jp", PASSWORD)
