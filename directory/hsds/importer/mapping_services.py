"""Stage 2, plan: an HSDS ``service`` and its children as planned records."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from directory import geocoding
from directory import hours as opening_hours
from directory.choices import (
    Availability,
    CertificationKind,
    CostCategory,
    DeliveryMode,
    Language,
    ServiceStatus,
    TargetGroup,
)
from directory.hsds import extensions as ext
from directory.hsds.importer.mapping_organizations import OrganizationMapping
from directory.hsds.importer.plan import Planned, object_uuid
from directory.hsds.tabular import SOURCE
from directory.models import (
    Contact,
    CostOption,
    RequiredDocument,
    ServiceArea,
    ServiceAtLocation,
    ServicePage,
)
from directory.readings import to_katakana


class ServiceMapping(OrganizationMapping):
    """The planner's service half (see ``planner.Planner``)."""

    def plan_service(self, svc: dict[str, Any]) -> None:
        service_id = uuid.UUID(str(svc["id"]))
        org_id = svc.get("organization_id")
        if not org_id:
            self.error(
                svc, "organization_id", _("支援を提供する団体（organization_id）がありません")
            )
            return
        values: dict[str, Any] = {
            "title": self._title(svc, ServicePage),
            "alternate_name": self.text(svc, "alternate_name", ServicePage, "alternate_name"),
            "description": str(svc.get("description") or ""),
            "website": self.url(svc, "url", ServicePage, "website"),
            "email": self.email(svc, "email"),
            "status": svc.get("status")
            if svc.get("status") in ServiceStatus.values
            else ServiceStatus.ACTIVE,
            "interpretation_services": str(svc.get("interpretation_services") or ""),
            "application_process": str(svc.get("application_process") or ""),
            "fees_description": str(svc.get("fees_description") or svc.get("fees") or ""),
            "eligibility_description": str(svc.get("eligibility_description") or ""),
            "minimum_age": self.age(svc, "minimum_age"),
            "maximum_age": self.age(svc, "maximum_age"),
            "assured_date": self.day(svc, "assured_date"),
            "assurer_email": self.email(svc, "assurer_email"),
            "alert": str(svc.get("alert") or ""),
            "capacity_note": self.text(svc, "wait_time", ServicePage, "capacity_note"),
            "languages": self._languages(svc),
            # Defaults of the model when the file does not say (third-party HSDS).
            "target_groups": [],
            "delivery_modes": [],
            "availability": Availability.ACCEPTING,
            "cost_category": CostCategory.FREE
            if not (svc.get("fees_description") or svc.get("cost_options"))
            else CostCategory.FEE,
            "public_interest_activity": False,
            "public_assistance_ok": True,
            "closed_on_public_holidays": True,
            "hours_notes": "",
        }
        minimum, maximum = values["minimum_age"], values["maximum_age"]
        if minimum is not None and maximum is not None and minimum > maximum:
            self.warn(svc, "maximum_age", _("対象年齢の上限が下限より小さいため空にしました"))
            values["maximum_age"] = None
        children: dict[str, list[dict[str, Any]]] = {
            "certifications": [],
            "closures": [],
            "identifiers": [],
        }
        # No reading or number in the file keeps the stored ones (a spreadsheet has neither).
        categories: list[uuid.UUID] = []
        for attribute in svc.get("attributes") or []:
            extension = self._extension_of(attribute)
            if extension is None:
                term_id = self._category(attribute)
                if term_id is not None:
                    categories.append(term_id)
                continue
            if extension.entity != "service":
                self.warn(attribute, "taxonomy_term_id", _("この対象には使えない拡張項目です"))
                continue
            self._service_extension(
                svc, attribute, extension, str(attribute.get("value") or ""), values, children
            )
        if not children["identifiers"]:
            del children["identifiers"]
        children["schedules"] = self._schedules(svc)
        children["service_areas"] = self._service_areas(svc)
        children["phones"] = [
            {"hsds_id": object_uuid(p), "number": number, **self._phone_fields(p)}
            for p in svc.get("phones") or []
            if (number := self.phone_number(p))
        ]
        children["cost_options"] = [self._cost_option(c) for c in svc.get("cost_options") or []]
        children["required_documents"] = [
            {
                "hsds_id": object_uuid(d),
                "document": self.text(d, "document", RequiredDocument, "document")
                or _("（名称なし）"),
                "uri": self.url(d, "uri", RequiredDocument, "uri"),
            }
            for d in svc.get("required_documents") or []
        ]
        children["contacts"] = [self._contact(c) for c in svc.get("contacts") or []]
        links = []
        for link in svc.get("service_at_locations") or []:
            location = link.get("location")
            location_id = link.get("location_id") or (
                location.get("id") if isinstance(location, dict) else None
            )
            if isinstance(location, dict) and location.get("id"):
                self.plan_location(location)
            if not location_id:
                self.error(link, "location_id", _("実施場所に拠点（location_id）がありません"))
                continue
            links.append(
                {
                    "hsds_id": object_uuid(link),
                    "location": uuid.UUID(str(location_id)),
                    "description": self.text(link, "description", ServiceAtLocation, "description"),
                    "_source": link,
                }
            )
        children["service_at_locations"] = links
        self.plan.services[service_id] = Planned(
            hsds_id=service_id,
            values=values,
            children=children,
            links={"organization": uuid.UUID(str(org_id)), "categories": categories},
            source=svc.get(SOURCE, ("", "")),
        )

    def _service_extension(
        self,
        svc: dict[str, Any],
        attribute: dict[str, Any],
        extension: ext.Extension,
        value: str,
        values: dict[str, Any],
        children: dict[str, list[dict[str, Any]]],
    ) -> None:
        code = extension.code
        flag = value.strip().lower() == ext.TRUE
        if code == "target_group":
            if self.choice(attribute, "value", value, TargetGroup, default=None):
                values["target_groups"].append(value)
        elif code == "delivery_mode":
            if self.choice(attribute, "value", value, DeliveryMode, default=None):
                values["delivery_modes"].append(value)
        elif code == "availability":
            values["availability"] = self.choice(
                attribute, "value", value, Availability, default=Availability.ACCEPTING
            )
        elif code == "capacity_note":
            values["capacity_note"] = self.text(attribute, "value", ServicePage, "capacity_note")
        elif code == "cost_category":
            values["cost_category"] = self.choice(
                attribute, "value", value, CostCategory, default=values["cost_category"]
            )
        elif code in (
            "public_interest_activity",
            "public_assistance_ok",
            "closed_on_public_holidays",
        ):
            values[code] = flag
        elif code == "hours_note":
            values["hours_notes"] = value
        elif code == "certification":
            data = self._json_value(attribute, value)
            if data is not None:
                kind = self.choice(
                    attribute,
                    "value",
                    str(data.get("kind") or ""),
                    CertificationKind,
                    default=CertificationKind.OTHER,
                )
                valid_from = self.day(data | {SOURCE: attribute.get(SOURCE)}, "valid_from")
                valid_until = self.day(data | {SOURCE: attribute.get(SOURCE)}, "valid_until")
                if valid_from and valid_until and valid_until < valid_from:
                    self.warn(attribute, "value", _("認定の有効期間が逆のため終了日を空にしました"))
                    valid_until = None
                children["certifications"].append(
                    {
                        "kind": kind,
                        "authority": str(data.get("authority") or "")[:100],
                        "number": str(data.get("number") or "")[:50],
                        "valid_from": valid_from,
                        "valid_until": valid_until,
                    }
                )
        elif code == "service_name_kana":
            values["name_kana"] = to_katakana(value).strip()[:255]
        elif code == "service_identifier":
            data = self._json_value(attribute, value)
            if data is not None:
                identifier = self.identifier(attribute, data)
                if identifier is not None:
                    children["identifiers"].append(identifier)
        elif code == "closure":
            data = self._json_value(attribute, value)
            if data is not None:
                start = self.day(data | {SOURCE: attribute.get(SOURCE)}, "start_date")
                end = self.day(data | {SOURCE: attribute.get(SOURCE)}, "end_date")
                if start is None or end is None or end < start:
                    self.warn(
                        attribute, "value", _("休業期間の日付が正しくないため読み飛ばしました")
                    )
                else:
                    children["closures"].append(
                        {
                            "start_date": start,
                            "end_date": end,
                            "description": str(data.get("description") or "")[:255],
                        }
                    )

    def _category(self, attribute: dict[str, Any]) -> uuid.UUID | None:
        term = attribute.get("taxonomy_term")
        if isinstance(term, dict) and term.get("id"):
            return self.plan_term(term)
        term_id = attribute.get("taxonomy_term_id")
        if not term_id:
            self.error(attribute, "taxonomy_term_id", _("分類（taxonomy_term_id）がありません"))
            return None
        return uuid.UUID(str(term_id))

    def _languages(self, svc: dict[str, Any]) -> list[str]:
        by_name = {str(label).lower(): value for value, label in Language.choices}
        codes: list[str] = []
        for item in svc.get("languages") or []:
            raw = str(item.get("code") or "").strip()
            code = raw.lower()
            if code not in Language.values and not code.startswith("ja-x"):
                primary = code.split("-")[0]
                code = primary if primary in Language.values else code
            if code not in Language.values:
                code = by_name.get(str(item.get("name") or "").strip().lower(), "")
            if not code:
                self.warn(
                    item,
                    "code",
                    _("対応していない言語コードのため読み飛ばしました: %(value)s")
                    % {"value": raw or item.get("name") or ""},
                )
                continue
            if code not in codes:
                codes.append(code)
        return codes

    def _schedules(self, svc: dict[str, Any]) -> list[dict[str, Any]]:
        items = [(s, False) for s in svc.get("schedules") or []]
        for link in svc.get("service_at_locations") or []:
            items += [(s, True) for s in link.get("schedules") or []]
        rows = []
        for item, from_link in items:
            if from_link:
                self.warn(
                    item,
                    "",
                    _("実施場所ごとの開所時間は、支援全体の開所時間として取り込みました"),
                )
            try:
                (rule,) = opening_hours.from_hsds_schedules([item])
            except (ValueError, TypeError) as error:
                self.warn(
                    item,
                    "",
                    _("開所時間を読めないため読み飛ばしました（%(detail)s）") % {"detail": error},
                )
                continue
            if not rule.byday:
                self.warn(item, "byday", _("曜日（byday）がない開所時間は読み飛ばしました"))
                continue
            if not rule.all_day and (rule.opens_at is None or rule.closes_at is None):
                self.warn(item, "opens_at", _("開始・終了時刻がない開所時間は読み飛ばしました"))
                continue
            messages = opening_hours.validate_rule(rule)
            if messages:
                self.warn(item, "byday", " ".join(str(m) for m in messages))
                continue
            overnight = (
                not rule.all_day and rule.closes_at is not None and rule.closes_at <= rule.opens_at
            )
            rows.append(
                {
                    "hsds_id": object_uuid(item),
                    "freq": rule.freq,
                    "byday": rule.byday,
                    "all_day": rule.all_day,
                    "opens_at": rule.opens_at,
                    "closes_at": rule.closes_at,
                    "closes_next_day": overnight,
                    "valid_from": rule.valid_from,
                    "valid_to": rule.valid_to,
                    "description": rule.description[:255],
                }
            )
        return rows

    def _service_areas(self, svc: dict[str, Any]) -> list[dict[str, Any]]:
        rows = []
        for area in svc.get("service_areas") or []:
            code = ""
            if area.get("extent_type") == ext.LG_CODE_TYPE:
                code = str(area.get("extent") or "").strip()
            municipality = geocoding.municipality_by_code(code) if code else None
            if municipality is None and area.get("name"):
                municipality = geocoding.municipality_by_name(str(area["name"]))
            if municipality is None:
                self.warn(
                    area,
                    "extent",
                    _("対象地域を市区町村として特定できないため読み飛ばしました: %(value)s")
                    % {"value": code or area.get("name") or ""},
                )
                continue
            rows.append(
                {
                    "hsds_id": object_uuid(area),
                    "municipality_code": municipality.code,
                    "name": self.text(area, "name", ServiceArea, "name") or municipality.full_name,
                    "description": self.text(area, "description", ServiceArea, "description"),
                }
            )
        return rows

    def _cost_option(self, item: dict[str, Any]) -> dict[str, Any]:
        amount = item.get("amount")
        currency = str(item.get("currency") or "JPY").upper()
        description = self.text(item, "amount_description", CostOption, "amount_description")
        value: Decimal | None = None
        if amount is not None:
            try:
                value = Decimal(str(amount)).quantize(Decimal(1))
            except InvalidOperation:
                value = None
            if currency != "JPY" or value is None or abs(value) >= 10**10:
                self.warn(
                    item,
                    "amount",
                    _("円の金額として使えないため、金額の説明に移しました: %(value)s %(currency)s")
                    % {"value": amount, "currency": currency},
                )
                description = f"{description} {amount} {currency}".strip()[:255]
                value = None
        return {
            "hsds_id": object_uuid(item),
            "option": self.text(item, "option", CostOption, "option") or _("費用"),
            "amount": value,
            "amount_description": description,
            "valid_from": self.day(item, "valid_from"),
            "valid_to": self.day(item, "valid_to"),
        }

    def _contact(self, item: dict[str, Any]) -> dict[str, Any]:
        phone = ""
        for candidate in item.get("phones") or []:
            number = self.phone_number(candidate)
            if number:
                phone = number
                break
        return {
            "hsds_id": object_uuid(item),
            "name": self.text(item, "name", Contact, "name"),
            "title": self.text(item, "title", Contact, "title"),
            "department": self.text(item, "department", Contact, "department"),
            "email": self.email(item, "email"),
            "phone": phone,
        }

    # references
