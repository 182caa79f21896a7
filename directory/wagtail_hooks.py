"""Admin registration: taxonomy and locations as snippets moderators can edit."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import Location, Taxonomy, TaxonomyTerm


class TaxonomyTermViewSet(SnippetViewSet):
    model = TaxonomyTerm
    icon = "tag"
    list_display = ["name", "code", "taxonomy", "parent", "sort_order"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]


class TaxonomyViewSet(SnippetViewSet):
    model = Taxonomy
    icon = "folder-open-inverse"
    list_display = ["name", "version"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("拠点")
    list_display = ["name", "organization", "municipality_code", "hide_address"]
    list_filter = ["hide_address", "location_type"]
    search_fields = ["name"]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = _("ディレクトリ")
    menu_icon = "list-ul"
    menu_order = 200
    items = (LocationViewSet, TaxonomyTermViewSet, TaxonomyViewSet)


register_snippet(DirectoryGroup)
