"""Admin forms of the directory."""

from wagtail.admin.forms import WagtailAdminModelForm

from directory.services import location_geocode


class LocationAdminForm(WagtailAdminModelForm):
    """Fill coordinates from the address (offline gazetteer) when the editor left them empty.

    Set on the snippet viewset (``wagtail_hooks.py``), not on the model, so that the models
    never import the services that write them.
    """

    def save(self, commit=True):
        location = super().save(commit=commit)
        if commit:
            location_geocode(location=location)
        return location
