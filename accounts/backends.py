"""One authentication backend: django-axes' lockout check, then Django's own model backend.

django-axes' own ``AxesBackend`` only checks and relies on a ``ModelBackend`` after it; two
backends would make ``django.contrib.auth.login()`` ask which one signed a person in (the
provider invitation signs a new account in directly), so both steps live in one class.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend


class LockoutModelBackend(AxesStandaloneBackend, ModelBackend):
    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs
    ) -> Any:
        # Raises AxesBackendPermissionDenied (a PermissionDenied) while the person is locked out.
        AxesStandaloneBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )
        return ModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )
