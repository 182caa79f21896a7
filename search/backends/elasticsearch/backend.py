"""``ElasticsearchBackend``: search, writes to the live (and rebuilding) index, rebuild and swap."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.helpers import BulkIndexError

from search.backends import BackendUnavailable
from search.backends.elasticsearch.bulk import BULK_CHUNK_SIZE, item_status, load
from search.backends.elasticsearch.client import (
    WRITE_TIMEOUT_S,
    client_for,
    is_outage,
    unavailable,
)
from search.backends.elasticsearch.mapping import index_settings, mapping, source_json
from search.backends.elasticsearch.queries import (
    FREQUENCIES_FILTER_PATH,
    SEARCH_FILTER_PATH,
    build_body,
    frequencies_body,
    frequencies_from,
    query_words,
    searched_required_words,
)
from search.backends.elasticsearch.results import facet_counts, hit
from search.backoff import is_overload, with_backoff
from search.contract import SearchDocument, SearchQuery, SearchResult

logger = logging.getLogger(__name__)


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self,
        *,
        url: str | None = None,
        index_prefix: str | None = None,
        refresh: bool | str | None = None,
    ) -> None:
        self.url = url if url is not None else settings.ELASTICSEARCH_URL
        prefix = index_prefix if index_prefix is not None else settings.ELASTICSEARCH_INDEX_PREFIX
        self.alias = f"{prefix}_services"
        self.rebuilding_alias = f"{self.alias}_rebuilding"
        self.previous_alias = f"{self.alias}_previous"
        self.refresh = (
            refresh
            if refresh is not None
            else getattr(settings, "ELASTICSEARCH_REFRESH", "wait_for")
        )

    @property
    def client(self) -> Elasticsearch:
        if not self.url:
            raise BackendUnavailable("ELASTICSEARCH_URL is not set")
        return client_for(self.url)

    @property
    def _writer(self) -> Elasticsearch:
        return self.client.options(request_timeout=WRITE_TIMEOUT_S)

    # --- reading ------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        words = query_words(query)
        try:
            frequencies = None
            if words:
                # Each word's rarity first (contract.rarity): one small counting request.
                counted = self.client.search(
                    index=self.alias,
                    body=frequencies_body(words),
                    filter_path=FREQUENCIES_FILTER_PATH,
                )
                frequencies = frequencies_from(counted, len(words))
            body, words = build_body(query, words=words, frequencies=frequencies)
            response = self.client.search(
                index=self.alias, body=body, filter_path=SEARCH_FILTER_PATH
            )
        except NotFoundError as error:  # no index yet: the caller answers from the database
            raise unavailable(error) from error
        except ApiError as error:
            if is_outage(error):
                raise unavailable(error) from error
            raise
        except TransportError as error:
            raise unavailable(error) from error
        hits = response["hits"]
        ignored: tuple[str, ...] = ()
        if frequencies is not None:
            searched = searched_required_words(words, frequencies[1])
            ignored = tuple(words[i][0].text for i, use in searched.items() if not use)
        return SearchResult(
            total=hits["total"]["value"],
            # filter_path drops an empty list altogether
            hits=[hit(h, query=query, words=words) for h in hits.get("hits", ())],
            facets=facet_counts(response.get("aggregations", {}), query),
            backend=self.name,
            ignored_words=ignored,
        )

    def indexed_versions(self) -> dict[int, str]:
        try:
            return {
                int(h["_source"]["service_id"]): h["_source"]["version"]
                for h in helpers.scan(
                    self._writer,
                    index=self.alias,
                    query={"query": {"match_all": {}}},
                    _source=["service_id", "version"],
                    size=2000,
                )
            }
        except NotFoundError:
            return {}
        except TransportError as error:
            raise unavailable(error) from error

    # --- writing ------------------------------------------------------------------------------

    def index(self, documents: Sequence[SearchDocument]) -> None:
        if not documents:
            return
        self._write(
            lambda target: (
                {
                    "_op_type": "index",
                    "_index": target,
                    "_id": str(d.service_id),
                    "_source": source_json(d),
                }
                for d in documents
            ),
            create_missing=True,
        )

    def delete(self, service_ids: Sequence[int]) -> None:
        if not service_ids:
            return
        self._write(
            lambda target: (
                {"_op_type": "delete", "_index": target, "_id": str(pk)} for pk in service_ids
            ),
            create_missing=False,
        )

    def _write(
        self, actions: Callable[[str], Iterable[dict[str, Any]]], *, create_missing: bool
    ) -> None:
        """Send ``actions(target)`` to every write target (see ``_write_targets``)."""
        try:
            targets = self._write_targets(create_missing=create_missing)
            for target in targets:
                helpers.bulk(
                    self._writer,
                    actions(target),
                    chunk_size=BULK_CHUNK_SIZE,
                    # The index being rebuilt has refresh off: "wait_for" would block until the
                    # rebuild ends; it is refreshed before the swap anyway.
                    refresh=self.refresh if target == self.alias else False,
                    require_alias=True,
                    # 404: deleting what is not there, or the rebuild alias swapped away meanwhile
                    ignore_status=(404,),
                )
        except BulkIndexError as error:
            if any(item_status(item) in (429, 503) for item in error.errors):
                raise unavailable(error) from error
            raise
        except ApiError as error:
            if is_outage(error):
                raise unavailable(error) from error
            raise
        except TransportError as error:
            raise unavailable(error) from error

    def _write_targets(self, *, create_missing: bool) -> list[str]:
        """The live alias, plus the index being rebuilt if a rebuild is running."""
        aliases = set().union(*self._indices_with(f"{self.alias}*").values())
        targets = [a for a in (self.alias, self.rebuilding_alias) if a in aliases]
        if self.alias not in aliases and create_missing:
            self._create_index(aliases={self.alias: {}})
            targets.insert(0, self.alias)
        return targets

    def _create_index(self, *, aliases: dict[str, Any], loading: bool = False) -> str:
        name = f"{self.alias}_{timezone.now():%Y%m%d%H%M%S%f}"
        self._writer.indices.create(
            index=name,
            mappings=mapping(),
            settings=index_settings(loading=loading),
            aliases=aliases,
        )
        return name

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]]) -> int:
        try:
            self._drop_abandoned_rebuilds()
            new_index = self._create_index(aliases={self.rebuilding_alias: {}}, loading=True)
        except TransportError as error:
            raise unavailable(error) from error
        try:
            loaded = load(self._writer, new_index, batches)
            with_backoff(lambda: self._finish(new_index))
        except BaseException as error:
            # The alias was never moved: it still names the previous index, whole.
            try:
                self._writer.options(ignore_status=404).indices.delete(index=new_index)
            except TransportError:
                logger.warning("Could not delete %s after a failed rebuild", new_index)
            if isinstance(error, TransportError) or is_overload(error):
                raise unavailable(error) from error
            raise
        return loaded

    def _finish(self, new_index: str) -> None:
        """Make the loaded index durable and searchable, then swap the alias to it."""
        writer = self._writer
        writer.indices.put_settings(
            index=new_index,
            settings={"refresh_interval": None, "translog.durability": "request"},
        )
        writer.indices.refresh(index=new_index)
        self._swap(new_index)

    def _swap(self, new_index: str) -> None:
        """Point the alias at ``new_index`` in one atomic step, keeping the replaced index.

        The replaced index gets the alias ``<alias>_previous`` until the next swap deletes it:
        searches that resolved the alias just before the swap can still finish on it, and an
        operator can point the alias back. Older ones are deleted in the same step.
        """
        client = self._writer
        replaced = [name for name in self._indices_with(self.alias) if name != new_index]
        previous = [n for n in self._indices_with(self.previous_alias) if n not in replaced]
        actions: list[dict[str, Any]] = [
            {"add": {"index": new_index, "alias": self.alias}},
            {"remove": {"index": new_index, "alias": self.rebuilding_alias}},
        ]
        for name in replaced:
            actions.append({"remove": {"index": name, "alias": self.alias}})
            actions.append({"add": {"index": name, "alias": self.previous_alias}})
        actions += [{"remove_index": {"index": name}} for name in previous]
        # An index literally named like the alias (auto-created by a stray write) blocks it.
        if client.indices.exists(index=self.alias) and not client.indices.exists_alias(
            name=self.alias
        ):
            actions.append({"remove_index": {"index": self.alias}})
        client.indices.update_aliases(actions=actions)

    def _drop_abandoned_rebuilds(self) -> None:
        """Indices left by a rebuild that died (they hold the rebuild alias, not the live one)."""
        for name, aliases in self._indices_with(self.rebuilding_alias).items():
            if self.alias not in aliases:
                logger.warning("Deleting %s, left by an interrupted rebuild", name)
                self._writer.options(ignore_status=404).indices.delete(index=name)

    def _indices_with(self, alias_pattern: str) -> dict[str, set[str]]:
        """Index name → its aliases matching ``alias_pattern`` (empty when there are none)."""
        response = self._writer.options(ignore_status=404).indices.get_alias(name=alias_pattern)
        if response.meta.status == 404:
            return {}
        return {name: set(info.get("aliases", {})) for name, info in response.body.items()}
