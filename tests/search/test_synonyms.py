"""The synonym groups: built-in ones plus the moderators', fresh after every admin edit."""

from search.models import SynonymGroup
from search.synonyms import synonym_groups, synonym_set
from search.text import DEFAULT_SYNONYMS


def test_defaults_come_first_when_moderators_have_none(db):
    assert synonym_groups() == DEFAULT_SYNONYMS


def test_moderators_groups_are_added_after_the_defaults(db):
    SynonymGroup.objects.create(terms="ほっとらいん、電話相談\nいのちの電話")

    groups = synonym_groups()

    assert groups[: len(DEFAULT_SYNONYMS)] == DEFAULT_SYNONYMS
    assert groups[-1] == ["ほっとらいん", "電話相談", "いのちの電話"]


def test_an_edit_takes_effect_on_the_next_call(db):
    group = SynonymGroup.objects.create(terms="ほっとらいん、電話相談")
    assert "電話相談" in synonym_set().expand("ホットライン")

    group.terms = "ほっとらいん、よりそい"
    group.save()

    assert synonym_set().expand("ホットライン") == ["ほつとらいん", "よりそい"]


def test_a_delete_takes_effect_on_the_next_call(db):
    group = SynonymGroup.objects.create(terms="ほっとらいん、電話相談")
    assert len(synonym_groups()) == len(DEFAULT_SYNONYMS) + 1

    group.delete()

    assert synonym_groups() == DEFAULT_SYNONYMS
    assert synonym_set().expand("ほっとらいん") == ["ほつとらいん"]


def test_callers_cannot_change_the_cached_groups(db):
    synonym_groups()[0].append("なにか")

    assert synonym_groups() == DEFAULT_SYNONYMS


def test_the_synonym_list_is_in_the_admin_menu(admin_client):
    response = admin_client.get("/admin/snippets/resource_search/synonymgroup/")

    assert response.status_code == 200
    assert "同義語" in response.text
