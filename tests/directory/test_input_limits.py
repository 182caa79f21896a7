"""directory.input_limits: one place for the limits, overridable in settings; the text validators."""

import pytest
from django.core.exceptions import ValidationError

from directory.input_limits import control_characters, limit
from directory.models import OrganizationPage, ServicePage


def test_a_limit_can_be_overridden_in_settings(settings):
    settings.INPUT_LIMITS = {"spreadsheet_rows": 7}
    assert limit("spreadsheet_rows") == 7
    assert limit("long_text_chars") == 10_000


@pytest.mark.parametrize("text", ["a\x00b", "\x1b[31m", "x\x7f", "\x85"])
def test_nul_and_other_control_characters_are_found(text):
    assert control_characters(text)


@pytest.mark.parametrize("text", ["一行目\n二行目", "a\tb", "a\r\nb", "ひだまり"])
def test_tabs_and_line_breaks_are_text(text):
    assert not control_characters(text)


def test_a_description_over_10000_characters_is_refused():
    field = ServicePage._meta.get_field("description")
    field.run_validators("あ" * 10_000)
    with pytest.raises(ValidationError) as raised:
        field.run_validators("あ" * 10_001)
    assert raised.value.error_list[0].code == "long_text"


def test_a_nul_byte_in_an_organization_description_is_refused():
    with pytest.raises(ValidationError) as raised:
        OrganizationPage._meta.get_field("description").run_validators("地域の\x00団体")
    assert raised.value.error_list[0].code == "control_characters"
