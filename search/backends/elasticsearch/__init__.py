"""The ``elasticsearch`` backend: the contract of ``search.contract`` answered by one node.

``SEARCH_BACKEND`` names ``search.backends.elasticsearch.ElasticsearchBackend``; one module per
role: ``backend`` (the class: reads, writes, rebuild and alias swap), ``client`` (connection and
errors), ``mapping`` (the index mapping and settings, a document's ``_source``), ``queries``
(the request body), ``results`` (hits and facet counts from the answer) and ``bulk`` (NDJSON
bodies and the parallel load).

Why it is built this way:

* Matching uses the terms ``search.text`` computed in Python (``SearchDocument.*_terms``), stored
  as ``keyword`` arrays and queried with ``term`` (exact grams) and ``prefix`` (one-character
  grams). Both backends then share one analyser, and we need none from Elasticsearch: the
  integ-test distribution has no analysis-common module (no cjk_bigram, ngram, edge_ngram).
* Relevance is the contract's arithmetic, not Lucene's BM25: per (field, word) a
  ``constant_score`` worth ``contract.word_weight`` (the field weight times the word's rarity,
  rounded), a ``dis_max`` (tie_breaker 0) keeps the best field per word, and a ``bool.must`` over
  words adds them up; a ``should`` clause adds ``NAME_START_BOOST`` when the query names the
  service (a ``^`` term). The rarity needs how many services each word matches: one ``size: 0``
  request first, a ``filter`` aggregation per word over the whole index (``frequencies_body``),
  the same counts the database backend takes from its bitsets. Lucene's own idf is per shard and
  per term, not per word with its alternatives, and its float32 arithmetic would tie and order
  differently. The scores are integers, exactly the database backend's numbers, so the
  tie-breaks (distance, sort_name, service_id) decide the same way.
* Facet counts are disjunctive: facet filters go in ``post_filter`` (they narrow the hits, not
  the aggregations), and each filtered facet's ``terms`` aggregation sits in a ``filter``
  aggregation holding the *other* facets' filters; unfiltered facets share one holding them all.
  https://www.elastic.co/docs/reference/elasticsearch/rest-apis/filter-search-results#post-filter
* Reads and writes go through the alias ``<ELASTICSEARCH_INDEX_PREFIX>_services``; ``rebuild``
  loads a new concrete index ``<alias>_<timestamp>`` (no replica, no refresh, async translog
  while loading; NDJSON bodies built once, by worker processes when given ``DocumentBatches``
  (``search.documents``), and sent two at a time) and swaps the alias in one
  atomic ``_aliases`` call, so search never sees an empty or half-built index. The replaced
  index stays, as ``<alias>_previous``, until the next rebuild.
* Distances are re-computed in Python with ``directory.geo.haversine_km`` from the stored
  coordinates, so both backends report the same kilometres. Elasticsearch filters and sorts on
  its own (quantised, ~1 cm) geo_point values, which can differ from the database backend only
  for points within centimetres of the radius or of each other.
* ``open_periods`` is a ``date_range`` array: a ``term`` query with an instant finds documents
  with a period ``gte <= instant < lt``, exactly the contract's half-open interval. A hit's
  ``open_now`` comes the same way: a ``should`` clause named ``open_now`` (boost 0, so scores do
  not change) shows in the hit's ``matched_queries``; the ~50 periods a hit holds are not sent
  back to Python.
* The request body is assembled from dicts: query clauses are built with ``elasticsearch.dsl``
  (``Q``) and turned into dicts once — per word (cached), per filter — rather than building a
  ``Search`` and serialising the whole tree on every request. ``build_search`` still gives the
  same request as a ``Search``.
* Writes during a rebuild go to both the live index and the one being built (the alias
  ``<alias>_rebuilding``), and the rebuild loads with ``op_type=create``, so a live update is not
  overwritten by the older copy the rebuild read. Races narrower than that (a delete while the
  rebuild still holds the document) are left to ``reconcile_search_index``. Run one rebuild at a
  time.
* Writes use ``refresh=ELASTICSEARCH_REFRESH`` (default ``"wait_for"``): at our write rate the
  request that indexes waits at most one refresh interval, and a worker who publishes a service
  finds it on the next search. Tests set it to ``True`` (immediate refresh, no wait).
"""

from search.backends.elasticsearch.backend import ElasticsearchBackend

__all__ = ["ElasticsearchBackend"]
