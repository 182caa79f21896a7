"""Organizations and services as Wagtail pages (drafts, revisions, previews, scheduling).

Field names follow HSDS 3.0 where it has one; what Japanese practice needs and HSDS lacks is
added as structured fields (provider type, certifications, 公益的な取組, target groups,
delivery modes, availability, service areas as 全国地方公共団体コード).
"""

import uuid
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Page
from wagtail.search import index

from directory.choices import (
    Availability,
    CostCategory,
    DeliveryMode,
    Language,
    ProviderType,
    ServiceStatus,
    TargetGroup,
)
from directory.fields import ChoiceListField, reading_field

# The inline rows moved to page_inlines; search.documents still imports them from here.
from directory.models.page_inlines import Closure, Schedule, ServiceAtLocation
from directory.models.translated import TRANSLATION_SUFFIXES, field_in_language
from directory.readings import reading_or_suggestion
from directory.validators import validate_corporate_number, validate_long_text

__all__ = [
    "Closure",
    "DirectoryIndexPage",
    "OrganizationPage",
    "Schedule",
    "ServiceAtLocation",
    "ServicePage",
    "ServiceText",
]


@dataclass(frozen=True)
class ServiceText:
    """What a visitor reads of a service; ``*_translated`` False means Japanese was shown."""

    name: str
    description: str
    name_translated: bool
    description_translated: bool
    capacity_note: str = ""  # 受付状況のメモ in the same language (blank → the Japanese)

    @property
    def is_fallback(self) -> bool:
        return not (self.name_translated and self.description_translated)


class DirectoryIndexPage(Page):
    """The parent of every organization page: /directory/."""

    intro = models.TextField(_("はじめに"), blank=True, validators=[validate_long_text])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["platform_site.HomePage"]
    subpage_types = ["directory.OrganizationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("社会資源ディレクトリ")

    def get_context(self, request, *args, **kwargs):
        # Wagtail asks the page for its context, and selectors import these models.
        from directory.selectors import directory_home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_home_context())
        return context


class OrganizationPage(Page):
    """HSDS organization; ``title`` is its ``name``."""

    hsds_id = models.UUIDField(_("HSDS ID"), default=uuid.uuid4, unique=True, editable=False)
    name_kana = reading_field()
    alternate_name = models.CharField(_("別名・略称"), max_length=255, blank=True)
    description = models.TextField(_("団体の説明"), validators=[validate_long_text])
    email = models.EmailField(_("メールアドレス"), blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    provider_type = models.CharField(
        _("法人の種類"), max_length=40, choices=ProviderType.choices, default=ProviderType.OTHER
    )
    legal_status = models.CharField(_("法人格（自由記述）"), max_length=100, blank=True)
    corporate_number = models.CharField(
        _("法人番号"), max_length=13, blank=True, validators=[validate_corporate_number]
    )
    year_incorporated = models.PositiveSmallIntegerField(_("設立年"), null=True, blank=True)
    is_trusted = models.BooleanField(
        _("信頼済みの団体"),
        default=False,
        help_text=_("チェックすると、この団体の編集は承認を待たずに公開されます"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("name_kana"),
        FieldPanel("alternate_name"),
        FieldPanel("provider_type"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("website")]),
        InlinePanel("phones", label=_("電話")),
        MultiFieldPanel(
            [
                FieldPanel("legal_status"),
                FieldPanel("corporate_number"),
                FieldPanel("year_incorporated"),
            ],
            heading=_("法人情報"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("is_trusted")]
    search_fields = Page.search_fields + [
        index.SearchField("alternate_name"),
        index.SearchField("description"),
        index.FilterField("provider_type"),
    ]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.ServicePage"]
    exclude_fields_in_copy = ["hsds_id", "corporate_number"]

    class Meta:
        verbose_name = _("団体")
        verbose_name_plural = _("団体")
        constraints = [
            models.UniqueConstraint(
                fields=["corporate_number"],
                condition=~Q(corporate_number=""),
                name="directory_organization_corporate_number_unique",
                violation_error_message=_("この法人番号の団体はすでに登録されています"),
            )
        ]

    def clean(self) -> None:
        super().clean()
        self.name_kana = reading_or_suggestion(reading=self.name_kana, name=self.title)

    def get_context(self, request, *args, **kwargs):
        # Wagtail asks the page for its context, and selectors import these models.
        from directory.selectors import organization_services

        context = super().get_context(request, *args, **kwargs)
        context["services"] = organization_services(organization=self)
        return context


class ServicePage(Page):
    """HSDS service; ``title`` is its ``name``, ``assured_date`` is "last confirmed"."""

    hsds_id = models.UUIDField(_("HSDS ID"), default=uuid.uuid4, unique=True, editable=False)
    name_kana = reading_field()
    alternate_name = models.CharField(_("別名"), max_length=255, blank=True)
    description = models.TextField(_("どんな支援か"), validators=[validate_long_text])
    # HSDS service.url; named so because Page.url is the page's own address.
    website = models.URLField(_("ウェブページ"), blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    status = models.CharField(
        _("状態"), max_length=30, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    categories = ParentalManyToManyField(
        "directory.TaxonomyTerm", verbose_name=_("分野"), blank=True, related_name="services"
    )

    # Who it is for (eligibility)
    target_groups = ChoiceListField(_("対象"), choices_enum=TargetGroup)
    eligibility_description = models.TextField(
        _("利用できる人"), blank=True, validators=[validate_long_text]
    )
    minimum_age = models.PositiveSmallIntegerField(_("対象年齢（下限）"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("対象年齢（上限）"), null=True, blank=True)
    public_assistance_ok = models.BooleanField(
        _("生活保護を受けている方も利用できる"), default=True
    )

    # How to get it
    delivery_modes = ChoiceListField(_("支援の受け方"), choices_enum=DeliveryMode)
    application_process = models.TextField(
        _("利用の手順"), blank=True, validators=[validate_long_text]
    )
    languages = ChoiceListField(
        _("対応できる言語"),
        choices_enum=Language,
        help_text=_("実際に支援を受けられる言語（サイトの表示言語ではありません）"),
    )
    interpretation_services = models.TextField(
        _("通訳"), blank=True, validators=[validate_long_text]
    )
    cost_category = models.CharField(
        _("費用"), max_length=20, choices=CostCategory.choices, default=CostCategory.FREE
    )
    fees_description = models.TextField(
        _("費用の説明"), blank=True, validators=[validate_long_text]
    )

    # Japanese practice
    public_interest_activity = models.BooleanField(
        _("地域における公益的な取組"),
        default=False,
        help_text=_("社会福祉法人の「地域における公益的な取組」として行っている場合"),
    )

    # Intake now (HSDS 3.1 service_capacity is the model for the note)
    availability = models.CharField(
        _("受付状況"), max_length=20, choices=Availability.choices, default=Availability.ACCEPTING
    )
    capacity_note = models.CharField(
        _("受付状況のメモ"), max_length=255, blank=True, help_text=_("例: 今月の受付はあと5件")
    )
    alert = models.TextField(
        _("お知らせ"),
        blank=True,
        help_text=_("臨時休業などの大事なお知らせ"),
        validators=[validate_long_text],
    )

    # Opening hours (directory.hours reads these)
    closed_on_public_holidays = models.BooleanField(_("祝日は休み"), default=True)
    hours_notes = models.TextField(_("開所時間の補足"), blank=True, validators=[validate_long_text])

    # Verified, distinct from last modified
    assured_date = models.DateField(
        _("最終確認日"),
        null=True,
        blank=True,
        help_text=_("提供者またはコーディネーターが内容を確認した日（編集した日ではありません）"),
    )
    assurer_email = models.EmailField(_("確認者のメールアドレス"), blank=True)

    # Translated fields (docs/i18n.md says why not wagtail-localize): the public page shows the
    # visitor's language where it is filled in and says so when it falls back to Japanese.
    name_en = models.CharField(_("名前（英語）"), max_length=255, blank=True)
    description_en = models.TextField(
        _("どんな支援か（英語）"), blank=True, validators=[validate_long_text]
    )
    name_easy = models.CharField(
        _("名前（やさしい日本語）"),
        max_length=255,
        blank=True,
        help_text=_(
            "短く、ふつうのことばで。むずかしい漢字はひらがなに（例: こまったときの そうだん）"
        ),
    )
    description_easy = models.TextField(
        _("どんな支援か（やさしい日本語）"),
        blank=True,
        help_text=_("一つの文を短く。「〜です」「〜ます」で書き、言葉と言葉の間をあけます"),
        validators=[validate_long_text],
    )
    eligibility_description_en = models.TextField(
        _("利用できる人（英語）"), blank=True, validators=[validate_long_text]
    )
    eligibility_description_easy = models.TextField(
        _("利用できる人（やさしい日本語）"), blank=True, validators=[validate_long_text]
    )
    application_process_en = models.TextField(
        _("利用の手順（英語）"), blank=True, validators=[validate_long_text]
    )
    application_process_easy = models.TextField(
        _("利用の手順（やさしい日本語）"), blank=True, validators=[validate_long_text]
    )
    fees_description_en = models.TextField(
        _("費用の説明（英語）"), blank=True, validators=[validate_long_text]
    )
    fees_description_easy = models.TextField(
        _("費用の説明（やさしい日本語）"), blank=True, validators=[validate_long_text]
    )
    capacity_note_en = models.CharField(_("受付状況のメモ（英語）"), max_length=255, blank=True)
    capacity_note_easy = models.CharField(
        _("受付状況のメモ（やさしい日本語）"), max_length=255, blank=True
    )
    alert_en = models.TextField(_("お知らせ（英語）"), blank=True, validators=[validate_long_text])
    alert_easy = models.TextField(
        _("お知らせ（やさしい日本語）"), blank=True, validators=[validate_long_text]
    )
    hours_notes_en = models.TextField(
        _("開所時間の補足（英語）"), blank=True, validators=[validate_long_text]
    )
    hours_notes_easy = models.TextField(
        _("開所時間の補足（やさしい日本語）"), blank=True, validators=[validate_long_text]
    )

    content_panels = Page.content_panels + [
        FieldPanel("name_kana"),
        FieldPanel("alternate_name"),
        FieldPanel("description"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("status"),
        MultiFieldPanel(
            [FieldPanel("availability"), FieldPanel("capacity_note"), FieldPanel("alert")],
            heading=_("受付状況"),
        ),
        InlinePanel("service_at_locations", label=_("実施場所")),
        InlinePanel("phones", label=_("電話")),
        FieldRowPanel([FieldPanel("website"), FieldPanel("email")]),
        InlinePanel("contacts", label=_("担当者")),
    ]
    eligibility_panels = [
        FieldPanel("target_groups"),
        FieldPanel("eligibility_description"),
        FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
        FieldPanel("public_assistance_ok"),
        InlinePanel("service_areas", label=_("対象地域（市区町村）")),
        FieldPanel("delivery_modes"),
        FieldPanel("application_process"),
        InlinePanel("required_documents", label=_("持ち物・必要書類")),
        FieldPanel("languages"),
        FieldPanel("interpretation_services"),
        FieldPanel("cost_category"),
        FieldPanel("fees_description"),
        InlinePanel("cost_options", label=_("費用の内訳")),
    ]
    hours_panels = [
        FieldPanel("closed_on_public_holidays"),
        InlinePanel("schedules", label=_("開所時間")),
        InlinePanel("closures", label=_("休業期間（年末年始など）")),
        FieldPanel("hours_notes"),
    ]
    certification_panels = [
        FieldPanel("public_interest_activity"),
        InlinePanel("certifications", label=_("認定・指定")),
        InlinePanel("identifiers", label=_("事業所番号などの番号")),
        MultiFieldPanel(
            [FieldPanel("assured_date"), FieldPanel("assurer_email")], heading=_("確認")
        ),
    ]
    translation_panels = [
        MultiFieldPanel(
            [
                FieldPanel("name_en"),
                FieldPanel("description_en"),
                FieldPanel("eligibility_description_en"),
                FieldPanel("application_process_en"),
                FieldPanel("fees_description_en"),
                FieldPanel("capacity_note_en"),
                FieldPanel("alert_en"),
                FieldPanel("hours_notes_en"),
            ],
            heading=_("英語 (English)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name_easy"),
                FieldPanel("description_easy"),
                FieldPanel("eligibility_description_easy"),
                FieldPanel("application_process_easy"),
                FieldPanel("fees_description_easy"),
                FieldPanel("capacity_note_easy"),
                FieldPanel("alert_easy"),
                FieldPanel("hours_notes_easy"),
            ],
            heading=_("やさしい日本語"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("基本")),
            ObjectList(eligibility_panels, heading=_("対象と利用方法")),
            ObjectList(hours_panels, heading=_("開所時間")),
            ObjectList(certification_panels, heading=_("認定と確認")),
            ObjectList(translation_panels, heading=_("翻訳")),
            ObjectList(Page.promote_panels, heading=_("公開設定")),
            ObjectList(Page.settings_panels, heading=_("設定")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("alternate_name"),
        index.SearchField("description"),
        index.SearchField("eligibility_description"),
        index.FilterField("availability"),
        index.FilterField("status"),
    ]
    parent_page_types = ["directory.OrganizationPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["hsds_id"]

    class Meta:
        verbose_name = _("支援サービス")
        verbose_name_plural = _("支援サービス")

    def clean(self) -> None:
        super().clean()
        self.name_kana = reading_or_suggestion(reading=self.name_kana, name=self.title)
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError({"maximum_age": _("対象年齢の上限は下限以上にしてください")})

    @property
    def organization(self) -> OrganizationPage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    def in_language(self, language: str | None = None) -> "ServiceText":
        """Name and description in ``language`` (default: the active one), or the Japanese."""
        suffix = TRANSLATION_SUFFIXES.get(language or get_language() or "ja")
        name = getattr(self, f"name_{suffix}", "") if suffix else ""
        description = getattr(self, f"description_{suffix}", "") if suffix else ""
        return ServiceText(
            name=name.strip() or self.title,
            description=description.strip() or self.description,
            name_translated=bool(name.strip()) or suffix is None,
            description_translated=bool(description.strip()) or suffix is None,
            capacity_note=field_in_language(self, "capacity_note", language=language),
        )

    def field_in_language(self, field: str, language: str | None = None) -> str:
        """A translated text field (eligibility, application, fees) in ``language``, or Japanese."""
        return field_in_language(self, field, language=language)

    def get_context(self, request, *args, **kwargs):
        # Wagtail asks the page for its context, and selectors import these models.
        from directory.selectors import service_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(service_page_context(service=self, user=request.user))
        return context
