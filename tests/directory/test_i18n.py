"""Three site languages (日本語, やさしい日本語, English) and listing text in the visitor's language."""

import ast
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def _switch(client, language: str, next_url: str = "/"):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def test_easy_japanese_is_a_site_language_with_its_own_name():
    assert [code for code, _name in settings.LANGUAGES] == ["ja", "ja-easy", "en"]
    assert get_language_info("ja-easy")["name_local"] == "やさしい にほんご"
    assert translation.check_for_language("ja-easy")  # the compiled catalogue exists


def test_catalogues_translate_public_strings():
    with translation.override("en"):
        assert translation.gettext("今、開いています") == "Open now"
        assert translation.pgettext("曜日（略）", "月") == "Mon"
    with translation.override("ja-easy"):
        assert translation.gettext("今、開いています") == "いま あいています"
        # A string missing from a catalogue falls back to the Japanese it is written in.
        missing = "".join(["カタログに", "ない文です"])  # not a literal: makemessages skips it
        assert translation.gettext(missing) == missing


def test_catalogues_translate_referral_and_provider_screens():
    with translation.override("en"):
        assert translation.gettext("紹介を送信する") == "Send referral"
        assert translation.gettext("受け取った紹介") == "Referrals received"
        assert translation.gettext("変更なし・確認しました") == "No change — confirmed"
    with translation.override("ja-easy"):
        assert translation.gettext("情報の誤りを報告") == "まちがいを しらせる"
        assert translation.gettext("紹介票") == "しょうかいひょう"


CATALOGUES = [
    Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    for language in ("en", "ja_Easy")
]


def _po_entries(path: Path):
    """(msgid, flags, msgstrs) of each live entry of a .po file; the header is left out.

    A small reader instead of a dependency: blocks are separated by blank lines, obsolete
    entries (``#~``) are skipped, continuation lines are joined.
    """
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        flags: set[str] = set()
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[current] += ast.literal_eval(line)
            else:
                current, _space, value = line.partition(" ")
                fields[current] = ast.literal_eval(value)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        msgstrs = [value for key, value in fields.items() if key.startswith("msgstr")]
        yield fields["msgid"], flags, msgstrs


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_catalogue_entry_is_translated_and_not_fuzzy(path):
    """A forgotten string breaks CI: run `make messages`, then translate what is empty or fuzzy."""
    entries = list(_po_entries(path))
    assert len(entries) > 500  # the reader found the catalogue's entries
    empty = [msgid for msgid, _flags, msgstrs in entries if not msgstrs or not all(msgstrs)]
    fuzzy = [msgid for msgid, flags, _msgstrs in entries if "fuzzy" in flags]
    assert not empty, f"{len(empty)} untranslated in {path}: {empty[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {path}: {fuzzy[:10]}"


def test_switcher_keeps_the_page_and_the_search(client, directory_index):
    next_url = "/search/?q=" + quote("食料") + "&near=170-0013&open_now=1"
    response = _switch(client, "ja-easy", next_url)
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja-easy"


def test_switcher_lists_three_languages_in_their_own_names(client, directory_index):
    body = client.get("/").content.decode()
    assert 'name="next" type="hidden" value="/"' in body
    for name in ("日本語", "やさしい にほんご", "English"):
        assert name in body


def test_easy_japanese_pages_are_marked_as_japanese(client, directory_index):
    _switch(client, "ja-easy")
    body = client.get("/").content.decode()
    assert '<html lang="ja">' in body
    assert "たすけを さがす" in body or "ちかくの たすけを さがす" in body


def test_service_page_shows_english_text_when_it_exists(client, directory_index):
    service = ServicePageFactory(
        title="フードバンク", name_en="Food bank", description_en="Free food for a few days."
    )
    _switch(client, "en")
    body = client.get(service.url).content.decode()
    assert "<h1>Food bank</h1>" in body
    assert "Free food for a few days." in body
    assert "This information is only available in Japanese" not in body


def test_service_page_says_when_it_falls_back_to_japanese(client, directory_index):
    service = ServicePageFactory(title="フードバンク", description="食品をお渡しします。")
    _switch(client, "en")
    body = client.get(service.url).content.decode()
    assert "<h1>フードバンク</h1>" in body
    assert "This information is only available in Japanese" in body


def test_half_translated_service_still_says_it_falls_back(client, directory_index):
    service = ServicePageFactory(title="フードバンク", name_easy="たべものの くばりもの")
    _switch(client, "ja-easy")
    body = client.get(service.url).content.decode()
    assert "たべものの くばりもの" in body
    assert "この じょうほうは ふつうの 日本語 だけです" in body


def test_japanese_visitors_never_see_the_fallback_note(client, directory_index):
    service = ServicePageFactory()
    body = client.get(service.url).content.decode()
    assert "この情報は日本語のみです" not in body


def test_languages_of_help_are_listed_not_the_site_language(client, directory_index):
    service = ServicePageFactory(languages=["ja", "vi", "ja-x-easy"])
    _switch(client, "en")
    body = client.get(service.url).content.decode()
    assert "Languages spoken" in body
    assert "日本語, Tiếng Việt, やさしい日本語" in body


def test_in_language_uses_the_active_language(directory_index):
    service = ServicePageFactory(title="相談", name_en="Advice")
    with translation.override("en"):
        assert service.in_language().name == "Advice"
    with translation.override("ja"):
        text = service.in_language()
        assert text.name == "相談" and not text.is_fallback


def test_search_hits_show_the_visitors_language(client, directory_index):
    from directory.models import ServicePage
    from search.backends import get_backend
    from search.documents import build_documents

    service = ServicePageFactory(title="フードバンク", name_en="Food bank")
    get_backend("database").index(build_documents(ServicePage.objects.filter(pk=service.pk)))
    _switch(client, "en")
    body = client.get("/search/?q=" + quote("フードバンク")).content.decode()
    assert "Food bank" in body
