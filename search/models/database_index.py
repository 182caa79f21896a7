"""Tables of the ``database`` search backend (``search.backends.database``).

SQLite's FTS5 trigram tokenizer finds nothing for one- and two-character queries (相談, 食料), so
the backend keeps its own inverted index of the bigrams ``search.text`` produces. The tables
reference services by page id without foreign keys: the index is derived data, written in bulk
and replaced as a whole, and must not cascade or block page deletes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedService(models.Model):
    """One published service: what a hit shows, and one facet-set id per facet.

    A facet column holds the id of an ``IndexedFacetSet`` (the service's whole set of values for
    that facet), so disjunctive counting can count small integers and expand each distinct set
    once, instead of touching every value of every service.
    """

    service_id = models.BigIntegerField(primary_key=True)
    hsds_id = models.UUIDField()
    name = models.TextField()
    organization = models.TextField()
    url = models.TextField()
    description = models.TextField()
    sort_name = models.TextField()
    evenings = models.BooleanField()
    weekends = models.BooleanField()
    version = models.CharField(max_length=40)
    # Shown on every hit (受付状況 and its note); the facet column is for filtering.
    availability = models.CharField(max_length=20, default="")
    availability_note = models.TextField(default="")
    # One column per facet of search.contract.FACETS (the backend checks they agree).
    facet_category = models.IntegerField()
    facet_target_group = models.IntegerField()
    facet_language = models.IntegerField()
    facet_cost = models.IntegerField()
    facet_delivery_mode = models.IntegerField()
    facet_accessibility = models.IntegerField()
    facet_municipality = models.IntegerField()
    facet_provider_type = models.IntegerField()
    facet_availability = models.IntegerField()
    facet_certification = models.IntegerField()

    class Meta:
        verbose_name = _("検索インデックスのサービス")
        verbose_name_plural = _("検索インデックスのサービス")
        indexes = [models.Index(fields=["sort_name", "service_id"], name="search_idx_sort_name")]

    def __str__(self) -> str:
        return self.name


class IndexedState(models.Model):
    """A token every write to the index replaces, in the same transaction.

    Each web process keeps the facet columns of all services in memory and reloads them when
    the token it loaded them with is no longer the one stored; a random token, not a counter,
    so a rolled-back write can never leave a process believing it is up to date.
    """

    name = models.CharField(max_length=30, unique=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("検索インデックスの状態")
        verbose_name_plural = _("検索インデックスの状態")

    def __str__(self) -> str:
        return f"{self.name}: {self.token}"


class IndexedFacetSet(models.Model):
    """A set of values of one facet, e.g. category {food, housing}; rows are never changed."""

    facet = models.CharField(max_length=40)
    key = models.TextField()  # the sorted values joined by U+001F

    class Meta:
        verbose_name = _("検索インデックスの絞り込み値")
        verbose_name_plural = _("検索インデックスの絞り込み値")
        constraints = [
            models.UniqueConstraint(fields=["facet", "key"], name="search_facet_set_unique")
        ]

    def __str__(self) -> str:
        return f"{self.facet}: {self.key}"


class IndexedTerm(models.Model):
    """A posting: ``term`` (a bigram, a trailing character or a Latin word) occurs in a field."""

    term = models.TextField()
    field = models.SmallIntegerField()  # 0 name, 1 context, 2 description
    service_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("検索インデックスの語")
        verbose_name_plural = _("検索インデックスの語")
        indexes = [
            # Covers every text lookup, exact (term =) and prefix (term >= g AND term < g + ￿).
            models.Index(fields=["term", "field", "service_id"], name="search_idx_term"),
            models.Index(fields=["service_id"], name="search_idx_term_service"),
        ]

    def __str__(self) -> str:
        return self.term


class IndexedLocation(models.Model):
    """A findable point of a service (hidden addresses are never indexed)."""

    service_id = models.BigIntegerField()
    latitude = models.FloatField()
    longitude = models.FloatField()
    location_id = models.BigIntegerField()
    location_name = models.TextField()
    municipality_code = models.CharField(max_length=6, blank=True)

    class Meta:
        verbose_name = _("検索インデックスの地点")
        verbose_name_plural = _("検索インデックスの地点")
        indexes = [
            models.Index(
                fields=["latitude", "longitude", "service_id"], name="search_idx_location_geo"
            ),
            models.Index(fields=["service_id"], name="search_idx_location_service"),
        ]

    def __str__(self) -> str:
        return self.location_name


class IndexedOpenPeriod(models.Model):
    """An open interval in Unix seconds, cut into pieces of at most ``MAX_PERIOD_SECONDS``.

    The bound lets an "open at t" lookup scan only ``starts_at`` in (t - bound, t].
    """

    MAX_PERIOD_SECONDS = 8 * 60 * 60

    service_id = models.BigIntegerField()
    starts_at = models.BigIntegerField()
    ends_at = models.BigIntegerField()

    class Meta:
        verbose_name = _("検索インデックスの開所時間")
        verbose_name_plural = _("検索インデックスの開所時間")
        indexes = [
            models.Index(
                fields=["starts_at", "ends_at", "service_id"], name="search_idx_period_start"
            ),
            models.Index(fields=["service_id"], name="search_idx_period_service"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.starts_at}-{self.ends_at}"
