from search.models.database_index import (
    IndexedFacetSet,
    IndexedLocation,
    IndexedOpenPeriod,
    IndexedService,
    IndexedState,
    IndexedTerm,
)
from search.models.queue import IndexQueueEntry
from search.models.saved import SavedSearch
from search.models.synonyms import SynonymGroup

__all__ = [
    "IndexQueueEntry",
    "IndexedFacetSet",
    "IndexedLocation",
    "IndexedOpenPeriod",
    "IndexedService",
    "IndexedState",
    "IndexedTerm",
    "SavedSearch",
    "SynonymGroup",
]
