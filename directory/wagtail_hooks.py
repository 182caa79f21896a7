"""Admin registration: taxonomy and locations as snippets moderators can edit; the provider
features' admin screens, menu and editor warnings (directory.providers, docs/providers.md)."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.forms import LocationAdminForm
from directory.models import Location, Taxonomy, TaxonomyTerm
from directory.providers import access, admin_urls, duplicates
from directory.selectors import children_in_reading_order
from directory.spreadsheet import wagtail_hooks as _spreadsheet  # noqa: F401 (its admin page)


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
    edit_handler = ObjectList(Location.panels, base_form_class=LocationAdminForm)


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = _("ディレクトリ")
    menu_icon = "list-ul"
    menu_order = 200
    items = (LocationViewSet, TaxonomyTermViewSet, TaxonomyViewSet)


register_snippet(DirectoryGroup)


# --- Providers keep their listings true (directory.providers, docs/providers.md) -------------


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_coordinator(request.user)


class ProviderMenuItem(MenuItem):
    def is_shown(self, request):
        return access.organizations_for(request.user).exists()


@hooks.register("register_admin_urls")
def register_listing_admin_urls():
    return [path("listings/", include(admin_urls, namespace="providers_admin"))]


@hooks.register("register_admin_menu_item")
def register_listing_menu():
    items = [
        CoordinatorMenuItem(
            _("掲載の申し込み"), reverse("providers_admin:applications"), icon_name="form", order=1
        ),
        CoordinatorMenuItem(
            _("情報の誤りの報告"),
            reverse("providers_admin:error_reports"),
            icon_name="warning",
            order=2,
        ),
        CoordinatorMenuItem(
            _("確認が古い掲載"), reverse("providers_admin:stale"), icon_name="time", order=3
        ),
        CoordinatorMenuItem(
            _("重複の候補"), reverse("providers_admin:duplicates"), icon_name="duplicate", order=4
        ),
        CoordinatorMenuItem(
            _("提供者を招待"), reverse("providers:invite"), icon_name="mail", order=5
        ),
    ]
    return SubmenuMenuItem(
        _("掲載の管理"), Menu(items=items), icon_name="tasks", name="listings", order=210
    )


@hooks.register("register_admin_menu_item")
def register_provider_dashboard_item():
    return ProviderMenuItem(
        _("受付状況をすぐに更新"), reverse("providers:dashboard"), icon_name="pick", order=150
    )


def _warn_duplicates(request, page):
    matches = duplicates.duplicates_for_page(page=page)
    if not matches:
        return
    names = "、".join(f"「{m.page.title}」（{'・'.join(m.reasons)}）" for m in matches[:3])
    buttons = [
        admin_messages.button(reverse("wagtailadmin_pages:edit", args=[m.page.pk]), m.page.title)
        for m in matches[:3]
    ]
    if access.is_coordinator(request.user) and page.specific_class.__name__ == "ServicePage":
        merge_url = (
            reverse("providers_admin:merge") + f"?keep={matches[0].page.pk}&duplicate={page.pk}"
        )
        buttons.append(admin_messages.button(merge_url, _("統合する")))
    admin_messages.warning(
        request,
        format_html(
            _(
                "重複しているかもしれません: {}。同じものなら新しく作らず、既存のページを直してください。"
            ),
            names,
        ),
        buttons=buttons,
    )


@hooks.register("construct_explorer_page_queryset")
def listings_in_reading_order(parent_page, pages, request):
    """Organisations and services list in 50音順 unless a column or a search orders them."""
    if "ordering" in request.GET or request.GET.get("q"):
        return pages
    return children_in_reading_order(parent=parent_page, pages=pages)


@hooks.register("after_create_page")
def warn_duplicates_after_create(request, page):
    _warn_duplicates(request, page)


@hooks.register("after_edit_page")
def warn_duplicates_after_edit(request, page):
    _warn_duplicates(request, page)


# --- who may delete, and what page choosers list (rules in directory.providers.access) --------


def _refuse_delete(request):
    admin_messages.error(
        request, _("ページは削除できません。公開をやめる場合は「非公開にする」を使ってください。")
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


@hooks.register("before_delete_page")
def refuse_page_delete(request, page):
    if not access.may_delete_pages(request.user):
        return _refuse_delete(request)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_page_delete(request, action_type, objects, action_class_instance):
    is_pages = any(issubclass(model, Page) for model in action_class_instance.models)
    if action_type == "delete" and is_pages and not access.may_delete_pages(request.user):
        return _refuse_delete(request)
    return None


@hooks.register("construct_page_chooser_queryset")
def hide_unapproved_pages_in_chooser(pages, request):
    parent_id = (request.resolver_match.kwargs if request.resolver_match else {}).get(
        "parent_page_id"
    )
    if parent_id is not None:
        # Browsing into a page shows its title as the heading: the same rule applies to it.
        parent = Page.objects.filter(pk=parent_id)
        if not access.chooser_pages_for(pages=parent, user=request.user).exists():
            raise Http404
    return access.chooser_pages_for(pages=pages, user=request.user)
