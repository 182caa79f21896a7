"""Admin forms of the directory."""

from wagtail.admin.forms import WagtailAdminModelForm


class LocationAdminForm(WagtailAdminModelForm):
    """Fill coordinates from the address (offline gazetteer) when the editor left them empty."""

    def save(self, commit=True):
        from directory.services import location_geocode

        location = super().save(commit=commit)
        if commit:
            location_geocode(location=location)
        return location
