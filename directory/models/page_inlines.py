"""The inline rows of the directory pages about reaching, where and when: the phones of
organizations and services, where a service is given (``ServiceAtLocation``), its opening
periods (``Schedule``, read by ``directory.hours``), closures and service areas.

Costs, documents, contacts and certifications are in ``service_rows``.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from directory.choices import ScheduleFrequency
from directory.geocoding import municipality_by_code
from directory.hours import rule_from_row, validate_closure, validate_rule
from directory.models.locations import AbstractPhone
from directory.validators import validate_local_government_code


class OrganizationPhone(AbstractPhone):
    page = ParentalKey(
        "directory.OrganizationPage", on_delete=models.CASCADE, related_name="phones"
    )


class ServicePhone(AbstractPhone):
    page = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="phones")


class ServiceAtLocation(Orderable):
    """HSDS service_at_location: where a service is given."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("拠点"),
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    description = models.CharField(_("この場所での補足"), max_length=255, blank=True)

    panels = [FieldPanel("location"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("実施場所")
        verbose_name_plural = _("実施場所")


class Schedule(Orderable):
    """One opening period, HSDS-schedule shaped (RRULE freq/byday), read by directory.hours."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="schedules"
    )
    freq = models.CharField(
        _("繰り返し"), max_length=10, choices=ScheduleFrequency.choices, default="WEEKLY"
    )
    byday = models.CharField(
        _("曜日"),
        max_length=60,
        help_text=_(
            "毎週なら MO,TU,WE,TH,FR,SA,SU。毎月なら 2WE,4WE（第2・第4水曜）、-1FR（最終金曜）"
        ),
    )
    all_day = models.BooleanField(_("24時間"), default=False)
    opens_at = models.TimeField(_("開始"), null=True, blank=True)
    closes_at = models.TimeField(_("終了"), null=True, blank=True)
    closes_next_day = models.BooleanField(
        _("翌日まで"), default=False, help_text=_("深夜0時を過ぎて終わる場合（例: 22:00〜翌2:00）")
    )
    valid_from = models.DateField(_("有効期間（開始）"), null=True, blank=True)
    valid_to = models.DateField(_("有効期間（終了）"), null=True, blank=True)
    description = models.CharField(_("補足"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("freq"), FieldPanel("byday")]),
        FieldRowPanel(
            [
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
                FieldPanel("closes_next_day"),
                FieldPanel("all_day"),
            ]
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("開所時間")
        verbose_name_plural = _("開所時間")

    def clean(self) -> None:
        super().clean()
        self.byday = ",".join(t.strip().upper() for t in self.byday.split(",") if t.strip())
        errors: dict[str, list[str]] = {}
        if not self.all_day:
            if self.opens_at is None:
                errors.setdefault("opens_at", []).append(_("開始時刻を入力してください"))
            if self.closes_at is None:
                errors.setdefault("closes_at", []).append(_("終了時刻を入力してください"))
            if self.opens_at and self.closes_at:
                overnight = self.closes_at <= self.opens_at
                if overnight and not self.closes_next_day:
                    errors.setdefault("closes_at", []).append(
                        _(
                            "終了時刻が開始時刻より前です。深夜0時を過ぎて終わる場合は"
                            "「翌日まで」にチェックしてください"
                        )
                    )
                elif self.closes_next_day and not overnight:
                    errors.setdefault("closes_next_day", []).append(
                        _(
                            "「翌日まで」の場合、終了時刻は開始時刻より前の時刻になります（例: 22:00〜翌2:00）"
                        )
                    )
        if not errors:
            messages = validate_rule(rule_from_row(self))
            if messages:
                errors["byday"] = messages
        if errors:
            raise ValidationError(errors)


class Closure(Orderable):
    """A date-range closure HSDS cannot express (年末年始, 臨時休業): kept as notes on export."""

    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="closures"
    )
    start_date = models.DateField(_("休業開始日"))
    end_date = models.DateField(_("休業終了日"))
    description = models.CharField(_("理由"), max_length=255, blank=True)
    description_en = models.CharField(_("理由（英語）"), max_length=255, blank=True)
    description_easy = models.CharField(_("理由（やさしい日本語）"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel(
            [
                FieldPanel("description"),
                FieldPanel("description_en"),
                FieldPanel("description_easy"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("休業期間")
        verbose_name_plural = _("休業期間")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date:
            try:
                validate_closure(start_date=self.start_date, end_date=self.end_date)
            except ValidationError as error:
                raise ValidationError({"end_date": error.error_list}) from error


class ServiceArea(Orderable):
    """HSDS service_area as a municipality (全国地方公共団体コード)."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="service_areas"
    )
    municipality_code = models.CharField(
        _("全国地方公共団体コード"),
        max_length=6,
        validators=[validate_local_government_code],
        help_text=_("検査数字を含む6桁（例: 豊島区は131164）"),
    )
    name = models.CharField(
        _("名前"), max_length=100, blank=True, help_text=_("空なら自動で入ります")
    )
    description = models.CharField(_("補足"), max_length=255, blank=True)

    panels = [FieldPanel("municipality_code"), FieldPanel("name"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("対象地域")
        verbose_name_plural = _("対象地域")

    def clean(self) -> None:
        super().clean()
        if self.municipality_code and not self.name:
            municipality = municipality_by_code(self.municipality_code)
            if municipality is None:
                raise ValidationError(
                    {"municipality_code": _("このコードの市区町村が見つかりません")}
                )
            self.name = municipality.full_name
