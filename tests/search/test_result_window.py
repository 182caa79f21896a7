"""One paging limit (``search.contract.MAX_RESULT_WINDOW``), and an index window that holds it."""

from search.backends.elasticsearch.mapping import INDEX_MAX_RESULT_WINDOW, index_settings
from search.contract import MAX_RESULT_WINDOW


def test_the_index_window_holds_every_page_the_contract_allows():
    assert INDEX_MAX_RESULT_WINDOW >= MAX_RESULT_WINDOW


def test_new_indices_get_the_index_window_loading_or_not():
    windows = {index_settings(loading=loading)["max_result_window"] for loading in (True, False)}

    assert windows == {INDEX_MAX_RESULT_WINDOW}
