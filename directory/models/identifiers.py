"""Official numbers of services and locations: 事業所番号 and other codes, typed.

Open data from 介護サービス情報公表 and WAM NET is keyed on the 事業所番号, so an import
finds a listing by its number before its name (``directory.hsds.importer``), and people
search by it. The organisation's 法人番号 is a field of ``OrganizationPage`` (one per
organisation); these rows are many per service or location. docs/hsds.md says how they
travel as HSDS ``organization_identifiers``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from directory.choices import IdentifierType
from directory.validators import normalize_official_number, validate_office_number

# The identifier_scheme written for each type (org-id.guide has no list for these yet).
SCHEMES: dict[str, str] = {
    IdentifierType.CARE_OFFICE: "JP-MHLW-KAIGO",
    IdentifierType.DISABILITY_OFFICE: "JP-MHLW-SHOGAI",
}
TEN_DIGIT_TYPES = {IdentifierType.CARE_OFFICE, IdentifierType.DISABILITY_OFFICE}


class AbstractIdentifier(Orderable):
    scheme = models.CharField(
        _("体系"),
        max_length=50,
        blank=True,
        help_text=_("番号を定めている制度や機関（事業所番号なら空のままで自動で入ります）"),
    )
    type = models.CharField(
        _("番号の種類"),
        max_length=40,
        choices=IdentifierType.choices,
        default=IdentifierType.CARE_OFFICE,
    )
    value = models.CharField(_("番号"), max_length=50)

    panels = [FieldRowPanel([FieldPanel("type"), FieldPanel("value"), FieldPanel("scheme")])]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("事業所番号などの番号")
        verbose_name_plural = _("事業所番号などの番号")

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.value}"

    def clean(self) -> None:
        super().clean()
        if self.type in TEN_DIGIT_TYPES:
            self.value = normalize_official_number(self.value)
            try:
                validate_office_number(self.value)
            except ValidationError as error:
                raise ValidationError({"value": error.messages}) from error
        else:
            self.value = (self.value or "").strip()
        if not self.scheme:
            self.scheme = SCHEMES.get(self.type, "")
        if not self.scheme:
            raise ValidationError({"scheme": _("その他の番号は、体系（発行元）を書いてください")})


class ServiceIdentifier(AbstractIdentifier):
    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="identifiers"
    )

    class Meta(AbstractIdentifier.Meta):
        indexes = [models.Index(fields=["type", "value"], name="directory_sid_type_value")]


class LocationIdentifier(AbstractIdentifier):
    location = ParentalKey(
        "directory.Location", on_delete=models.CASCADE, related_name="identifiers"
    )

    class Meta(AbstractIdentifier.Meta):
        indexes = [models.Index(fields=["type", "value"], name="directory_lid_type_value")]
