"""The Wagtail dashboard's 「わたしの仕事」 panel: the same counts as /my/, with links there."""

from __future__ import annotations

from typing import Any

from wagtail import hooks
from wagtail.admin.ui.components import Component

from directory.providers.selectors import listings_due_for_confirmation
from referrals import access, selectors


class MyWorkPanel(Component):
    name = "my_work"
    template_name = "referrals/admin/my_work_panel.html"
    order = 50  # above Wagtail's own panels: this is what staff come for

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        user = parent_context["request"].user
        context: dict[str, Any] = {"worker": None, "provider": None, "due": None}
        if access.agency_ids_for(user).exists():
            context["worker"] = selectors.worker_counts(user=user)
        if access.organization_ids_for(user).exists():
            context["provider"] = selectors.provider_counts(user=user)
            context["due"] = len(listings_due_for_confirmation(user=user))
        return context


@hooks.register("construct_homepage_panels")
def add_my_work_panel(request: Any, panels: list) -> None:
    panels.insert(0, MyWorkPanel())
