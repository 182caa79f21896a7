"""HSDS location, address, phone and accessibility.

A location is a snippet so that several services (and organizations) can share it through
``ServiceAtLocation``; addresses follow the Japanese form (〒, 都道府県, 市区町村, 町域・番地, 建物).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from directory.choices import AccessibilityFeature, LocationType, PhoneType
from directory.fields import ChoiceListField, reading_field
from directory.readings import reading_or_suggestion
from directory.validators import (
    normalize_phone_number,
    normalize_postal_code,
    validate_latitude,
    validate_local_government_code,
    validate_long_text,
    validate_longitude,
)


class Location(index.Indexed, ClusterableModel):
    hsds_id = models.UUIDField(_("HSDS ID"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "directory.OrganizationPage",
        verbose_name=_("団体"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    name = models.CharField(_("拠点名"), max_length=255)
    name_kana = reading_field()
    alternate_name = models.CharField(_("別名"), max_length=255, blank=True)
    description = models.TextField(_("説明"), blank=True, validators=[validate_long_text])
    location_type = models.CharField(
        _("種類"), max_length=20, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    url = models.URLField(_("URL"), blank=True, help_text=_("オンライン拠点の場合のURL"))
    transportation = models.TextField(
        _("アクセス"),
        blank=True,
        help_text=_("例: 池袋駅東口から徒歩7分"),
        validators=[validate_long_text],
    )
    # Translated fields (docs/i18n.md): the place's name and access note as visitors read them.
    name_en = models.CharField(_("拠点名（英語）"), max_length=255, blank=True)
    name_easy = models.CharField(_("拠点名（やさしい日本語）"), max_length=255, blank=True)
    transportation_en = models.TextField(
        _("アクセス（英語）"), blank=True, validators=[validate_long_text]
    )
    transportation_easy = models.TextField(
        _("アクセス（やさしい日本語）"), blank=True, validators=[validate_long_text]
    )
    latitude = models.FloatField(_("緯度"), null=True, blank=True, validators=[validate_latitude])
    longitude = models.FloatField(_("経度"), null=True, blank=True, validators=[validate_longitude])
    geocode_precision = models.CharField(
        _("位置の精度"),
        max_length=20,
        blank=True,
        help_text=_("manual（手入力）、postal_code、municipality など"),
    )
    municipality_code = models.CharField(
        _("全国地方公共団体コード"),
        max_length=6,
        blank=True,
        validators=[validate_local_government_code],
        help_text=_("住所から自動で入ります（例: 豊島区は131164）"),
    )
    hide_address = models.BooleanField(
        _("住所を公開しない"),
        default=False,
        help_text=_("DVシェルターなど。住所はログインした職員にだけ表示されます"),
    )
    accessibility_features = ChoiceListField(_("バリアフリー"), choices_enum=AccessibilityFeature)
    external_identifier = models.CharField(_("外部ID"), max_length=100, blank=True)
    external_identifier_type = models.CharField(_("外部IDの種類"), max_length=100, blank=True)

    panels = [
        FieldPanel("organization"),
        FieldPanel("name"),
        FieldPanel("name_kana"),
        FieldPanel("alternate_name"),
        FieldPanel("location_type"),
        FieldPanel("description"),
        InlinePanel("addresses", label=_("住所"), max_num=2),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("geocode_precision"),
                FieldPanel("municipality_code"),
            ],
            heading=_("位置（空なら住所から自動で求めます。地図とずれていたら手で直してください）"),
        ),
        FieldPanel("hide_address"),
        FieldPanel("transportation"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_easy")]),
                FieldPanel("transportation_en"),
                FieldPanel("transportation_easy"),
            ],
            heading=_("翻訳"),
        ),
        FieldPanel("url"),
        FieldPanel("accessibility_features"),
        InlinePanel("accessibility", label=_("バリアフリーの詳細")),
        InlinePanel("phones", label=_("電話")),
        InlinePanel("identifiers", label=_("事業所番号などの番号")),
        MultiFieldPanel(
            [FieldPanel("external_identifier"), FieldPanel("external_identifier_type")],
            heading=_("外部ID"),
            classname="collapsed",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("municipality_code"),
    ]

    class Meta:
        verbose_name = _("拠点")
        verbose_name_plural = _("拠点")
        ordering = ["name_kana", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.name_kana = reading_or_suggestion(reading=self.name_kana, name=self.name)
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("緯度と経度は両方入力するか、両方空にしてください"))

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def physical_address(self) -> "Address | None":
        addresses = list(self.addresses.all())
        for address in addresses:
            if address.address_type == Address.AddressType.PHYSICAL:
                return address
        return addresses[0] if addresses else None


class Address(Orderable):
    """HSDS address in Japanese order; ``state_province`` is the 都道府県, ``city`` the 市区町村."""

    class AddressType(models.TextChoices):
        PHYSICAL = "physical", _("所在地")
        POSTAL = "postal", _("郵送先")
        VIRTUAL = "virtual", _("その他")

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="addresses")
    address_type = models.CharField(
        _("種類"), max_length=20, choices=AddressType.choices, default=AddressType.PHYSICAL
    )
    postal_code = models.CharField(_("郵便番号"), max_length=8, help_text=_("例: 170-0013"))
    state_province = models.CharField(_("都道府県"), max_length=10)
    city = models.CharField(_("市区町村"), max_length=100)
    address_1 = models.CharField(_("町域・番地"), max_length=255)
    address_2 = models.CharField(_("建物名・部屋番号"), max_length=255, blank=True)
    attention = models.CharField(_("宛名"), max_length=255, blank=True)
    country = models.CharField(_("国"), max_length=2, default="JP", editable=False)

    panels = [
        FieldPanel("address_type"),
        FieldPanel("postal_code"),
        FieldRowPanel([FieldPanel("state_province"), FieldPanel("city")]),
        FieldPanel("address_1"),
        FieldPanel("address_2"),
        FieldPanel("attention"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("住所")
        verbose_name_plural = _("住所")

    def clean(self) -> None:
        super().clean()
        try:
            self.postal_code = normalize_postal_code(self.postal_code)
        except ValidationError as error:
            raise ValidationError({"postal_code": error.messages}) from error

    def __str__(self) -> str:
        return self.one_line

    @property
    def one_line(self) -> str:
        parts = [self.state_province, self.city, self.address_1]
        text = "".join(p for p in parts if p)
        if self.address_2:
            text = f"{text} {self.address_2}"
        return f"〒{self.postal_code} {text}" if self.postal_code else text


class AbstractPhone(Orderable):
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("番号"), max_length=30, help_text=_("例: 03-1234-5678"))
    extension = models.CharField(_("内線"), max_length=10, blank=True)
    type = models.CharField(
        _("種類"), max_length=20, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    description = models.CharField(
        _("説明"), max_length=255, blank=True, help_text=_("例: 平日9時〜17時、相談専用")
    )
    description_en = models.CharField(_("説明（英語）"), max_length=255, blank=True)
    description_easy = models.CharField(_("説明（やさしい日本語）"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("extension"), FieldPanel("type")]),
        FieldRowPanel(
            [
                FieldPanel("description"),
                FieldPanel("description_en"),
                FieldPanel("description_easy"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("電話")
        verbose_name_plural = _("電話")

    def clean(self) -> None:
        super().clean()
        try:
            self.number = normalize_phone_number(self.number)
        except ValidationError as error:
            raise ValidationError({"number": error.messages}) from error

    def __str__(self) -> str:
        return self.number

    @property
    def tel_uri(self) -> str:
        return "tel:" + "".join(c for c in self.number if c.isdigit())


class LocationPhone(AbstractPhone):
    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="phones")


class LocationAccessibility(Orderable):
    """HSDS accessibility: free-text details beside the structured features."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.CharField(_("内容"), max_length=255)
    details = models.TextField(_("詳細"), blank=True, validators=[validate_long_text])
    url = models.URLField(_("URL"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("バリアフリーの詳細")
        verbose_name_plural = _("バリアフリーの詳細")
