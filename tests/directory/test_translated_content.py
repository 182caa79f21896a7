"""Eligibility, application, fees, 持ち物 and category names in English and やさしい日本語."""

import re
import string

import pytest
from django.utils import translation

from directory.categories import CATEGORIES
from directory.demo import CORE_KINDS, EXTRA_KINDS
from directory.demo.catalogue import PAUSED_NOTES, WAITLIST_NOTES
from directory.demo.catalogue_texts import TEXTS
from directory.models import RequiredDocument, TaxonomyTerm
from directory.services import categories_ensure
from tests.factories import ServicePageFactory, category

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _switch(client, language: str) -> None:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _catalogue_texts() -> set[str]:
    templates = [t for kind in CORE_KINDS + EXTRA_KINDS for t in kind.services]
    texts = {t.eligibility for t in templates} | {t.application for t in templates}
    texts |= {t.fees for t in templates} | {d for t in templates for d in t.documents}
    texts |= {t.hours_note for t in templates}
    texts |= set(WAITLIST_NOTES + PAUSED_NOTES) | {"年末年始", "施設点検のため臨時休業"}
    texts |= {"代表", "相談専用", "東京都"}  # phone notes, the authority
    return texts - {""}


def test_every_catalogue_eligibility_application_fee_document_and_hours_note_is_translated():
    missing = _catalogue_texts() - TEXTS.keys()
    assert not missing


def test_catalogue_translations_keep_placeholders_and_leave_no_japanese_in_english():
    for japanese, (english, easy) in TEXTS.items():
        assert _placeholders(english) == _placeholders(japanese) == _placeholders(easy), japanese
        assert not JAPANESE.search(english.format(city="", town="")), english
        assert easy and easy != japanese, japanese


def test_service_page_shows_eligibility_application_fees_and_documents_in_english(
    client, directory_index
):
    service = ServicePageFactory(
        eligibility_description="豊島区にお住まいの方",
        eligibility_description_en="People living in 豊島区",
        application_process="まずはお電話でご相談ください。",
        application_process_en="Please call us first.",
        fees_description="1回100円",
        fees_description_en="¥100 a time",
    )
    RequiredDocument.objects.create(service=service, document="通帳", document_en="Bank book")
    _switch(client, "en")
    body = client.get(service.url).content.decode()
    for english in ("People living in 豊島区", "Please call us first.", "¥100 a time", "Bank book"):
        assert english in body
    for japanese in ("豊島区にお住まいの方", "まずはお電話でご相談ください。", "1回100円", "通帳"):
        assert japanese not in body


def test_untranslated_eligibility_and_documents_fall_back_to_japanese(client, directory_index):
    service = ServicePageFactory(eligibility_description="どなたでも")
    RequiredDocument.objects.create(service=service, document="通帳", document_en="Bank book")
    _switch(client, "ja-easy")
    body = client.get(service.url).content.decode()
    assert "どなたでも" in body
    assert "通帳" in body


def test_category_names_follow_the_visitors_language(directory_index):
    term = category("food")
    with translation.override("ja-easy"):
        assert term.display_name == "たべもの"
    with translation.override("en"):
        assert term.display_name == "Food"
    with translation.override("ja"):
        assert term.display_name == "食料支援"


def test_every_category_has_an_easy_japanese_name():
    for _code, _name, _en, easy, children in CATEGORIES:
        assert easy
        assert all(child[3] for child in children)


@pytest.mark.django_db
def test_setup_fills_a_blank_easy_name_but_keeps_a_renamed_term_alone(directory_index):
    TaxonomyTerm.objects.filter(code="food").update(name_easy="")
    TaxonomyTerm.objects.filter(code="housing").update(name="住まい", name_easy="")
    categories_ensure()
    assert TaxonomyTerm.objects.get(code="food").name_easy == "たべもの"
    assert TaxonomyTerm.objects.get(code="housing").name_easy == ""


def test_search_facets_name_categories_in_easy_japanese(client, directory_index):
    from directory.models import ServicePage
    from search.backends import get_backend
    from search.documents import build_documents

    service = ServicePageFactory(title="フードバンク")
    service.categories.set([category("food")])
    service.save()
    get_backend("database").index(build_documents(ServicePage.objects.filter(pk=service.pk)))
    _switch(client, "ja-easy")
    body = client.get("/search/?category=food").content.decode()
    assert "たべもの" in body
    assert "食料支援" not in body
