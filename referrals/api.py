"""``/api/v1/referrals``: create, list, read and move referrals as JSON (session login).

The same rules as the screens: every referral and client is fetched through
``referrals.access`` (not visible → 404), personal fields only through
``access.client_view_for`` (which writes the access log, purpose ``api.referrals.get``), and
every change through ``referrals.services``. Bad input is a 4xx with a reason, never a 500:
400 (a field is wrong, ``errors`` per field), 403 (you may see it but not do that), 404, 409
(the move is not possible from the current status, or someone else moved it first), 422
(the body or a parameter does not match the schema).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, cast
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from directory.selectors import service_by_hsds_id
from referrals import access, selectors, services
from referrals.access import User
from referrals.choices import Action
from referrals.choices import Status as ReferralStatus
from referrals.models import Referral
from referrals.state import InvalidTransition, NotAllowed, ReferralError, actions_from

router = Router(tags=["referrals"], auth=django_auth)

MAX_INT = 2**31 - 1
StatusCode = Literal[
    "draft", "sent", "accepted", "declined", "in_progress", "completed", "closed", "cancelled"
]
ActionCode = Literal[
    "send", "log_external", "accept", "decline", "start", "complete", "close", "cancel"
]


def doc(text: Any) -> str:
    """OpenAPI text, translated when ninja builds the schema (a lazy string where ninja's types
    say ``str``: it only ever formats it)."""
    return cast(str, text)


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ReferralOut(Schema):
    code: str
    status: str
    status_label: str
    urgency: str
    service_id: UUID | None = Field(None, description="紹介先サービスの HSDS ID")
    service_title: str
    organization: str | None = None
    agency: str
    logged: bool
    created_at: datetime
    sent_at: datetime | None = None
    first_response_at: datetime | None = None
    finished_at: datetime | None = None


class ReferralListOut(Schema):
    count: int
    results: list[ReferralOut]


class ClientOut(Schema):
    fields: dict[str, Any] = Field(
        description="見てよい項目だけ（キーは name, name_reading, phone, email, date_of_birth, "
        "household, languages, needs_summary）"
    )
    basis: str
    withheld: str = Field("", description="何も表示しない理由のコード（no_basis, withdrawn …）")
    withheld_message: str = ""


class EventOut(Schema):
    at: datetime
    action: str
    from_status: str
    to_status: str
    actor: str | None = None
    actor_kind: str
    reason_code: str = ""
    note: str = ""


class ReferralDetailOut(ReferralOut):
    need: str
    support_plan_reference: str = ""
    appointment_at: datetime | None = None
    decline_reason: str = ""
    close_reason: str = ""
    cancel_reason: str = ""
    outcome: str = ""
    client: ClientOut
    timeline: list[EventOut]
    actions: list[str] = Field(description="いまあなたができる操作")


class ReferralCreateIn(Schema):
    client_id: int = Field(ge=1, le=MAX_INT, description="相談者の番号（あなたの機関の相談者）")
    service_id: UUID = Field(description="紹介先サービスの HSDS ID")
    need: str = Field(min_length=1, max_length=5000, description="依頼内容（個人名は書かない）")
    urgency: Literal["normal", "urgent"] = "normal"  # Urgency.NORMAL
    support_plan_reference: str = Field("", max_length=100)
    consent_id: int | None = Field(None, ge=1, le=MAX_INT, description="情報共有の根拠の番号")
    idempotency_key: UUID = Field(description="二重送信防止キー: 同じキーは同じ紹介を返す")
    send: bool = Field(True, description="false なら下書きとして保存")
    note: str = Field("", max_length=2000, description="送信時のメモ")


class ActionIn(Schema):
    reason: str = Field("", max_length=30)
    outcome: str = Field("", max_length=30)
    channel: str = Field("", max_length=10)
    appointment_at: datetime | None = None
    note: str = Field("", max_length=2000)
    expected_status: StatusCode | None = Field(
        None,
        description="見ていた状態。違っていたら（他の人が先に動かした）409 を返します",
    )


class ListParams(Schema):
    box: Literal["all", "sent", "received"] = Field(
        "all", description="sent: 自分の機関が送った紹介, received: 自分の団体が受け取った紹介"
    )
    status: StatusCode | None = None
    overdue: bool | None = Field(None, description="true: 返事が遅れているもの（送信済みのまま）")
    service: UUID | None = Field(None, description="紹介先サービスの HSDS ID")
    category: str | None = Field(None, max_length=80, description="分野のコード（下位も含む）")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=100_000)


def _referral_out(referral: Referral) -> dict[str, Any]:
    service = referral.service
    return {
        "code": referral.code,
        "status": referral.status,
        "status_label": str(ReferralStatus(referral.status).label),
        "urgency": referral.urgency,
        "service_id": service.hsds_id if service is not None else None,
        "service_title": referral.service_title,
        "organization": referral.organization.title if referral.organization else None,
        "agency": referral.agency.name,
        "logged": referral.logged,
        "created_at": referral.created_at,
        "sent_at": referral.sent_at,
        "first_response_at": referral.first_response_at,
        "finished_at": referral.finished_at,
    }


def _error(code: int, detail: Any, errors: dict[str, list[str]] | None = None) -> Status:
    return Status(code, {"detail": str(detail), "errors": errors or {}})


def _validation_error(error: ValidationError) -> Status:
    if hasattr(error, "error_dict"):
        errors = {
            key: [str(m) for e in items for m in e.messages]
            for key, items in error.error_dict.items()
        }
    else:
        errors = {"__all__": [str(m) for m in error.messages]}
    return _error(400, _("入力が正しくありません。"), errors)


def _filtered(
    referrals: QuerySet[Referral],
    *,
    status: str | None,
    overdue: bool | None,
    service: UUID | None,
    category: str | None,
) -> QuerySet[Referral]:
    if status:
        referrals = referrals.filter(status=status)
    if overdue is True:
        referrals = referrals.filter(selectors.overdue_q())
    elif overdue is False:
        referrals = referrals.exclude(selectors.overdue_q())
    if service is not None:
        referrals = referrals.filter(service__hsds_id=service)
    if category:
        referrals = referrals.filter(
            Q(service__categories__code=category) | Q(service__categories__parent__code=category)
        ).distinct()
    return referrals


@router.get(
    "",
    response={200: ReferralListOut},
    url_name="referrals_list",
    summary=doc(_("紹介の一覧")),
    description=doc(
        _(
            "あなたが見られる紹介（自分の機関が送ったもの・自分の団体が受け取ったもの）の一覧です。"
            "box=sent は送った紹介、box=received は受け取った紹介だけ。相談者の個人情報は含みません。"
        )
    ),
)
def referral_list(request: HttpRequest, params: Query[ListParams]) -> Status:
    user = request.user
    referrals = access.referrals_visible_to(user)
    box, status, overdue = params.box, params.status, params.overdue
    service, category, limit, offset = params.service, params.category, params.limit, params.offset
    if box == "sent":
        referrals = referrals.filter(agency_id__in=access.agency_ids_for(user))
    elif box == "received":
        referrals = referrals.filter(organization_id__in=access.organization_ids_for(user)).exclude(
            status=ReferralStatus.DRAFT
        )
    referrals = _filtered(
        referrals, status=status, overdue=overdue, service=service, category=category
    )
    referrals = referrals.select_related(*selectors.LIST_RELATED).order_by("-created_at", "-pk")
    page = list(referrals[offset : offset + limit])
    return Status(200, {"count": referrals.count(), "results": [_referral_out(r) for r in page]})


@router.post(
    "",
    response={200: ReferralOut, 201: ReferralOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="referrals_create",
    summary=doc(_("紹介を作る")),
    description=doc(
        _(
            "あなたの機関の相談者を、サービスへ紹介します（send=false なら下書き）。"
            "同じ idempotency_key で送り直すと、最初に作った紹介を 200 で返します。"
            "相談者が見つからない（あなたの機関の相談者でない）ときは 404 です。"
        )
    ),
)
def referral_create(request: HttpRequest, payload: ReferralCreateIn) -> Status:
    user = request.user
    client = (
        access.clients_visible_to(user)
        .select_related("agency")
        .filter(pk=payload.client_id)
        .first()
    )
    if client is None:
        return _error(404, _("相談者が見つかりません。"))
    service = service_by_hsds_id(hsds_id=payload.service_id)
    if service is None:
        return _error(
            400,
            _("紹介先のサービスが見つかりません。"),
            {"service_id": [str(_("見つかりません。"))]},
        )
    consent = None
    if payload.consent_id is not None:
        consent = client.consents.filter(pk=payload.consent_id).first()
        if consent is None:
            return _error(
                400,
                _("この相談者の情報共有の根拠ではありません。"),
                {"consent_id": [str(_("見つかりません。"))]},
            )
    try:
        submission = services.referral_submit(
            by=user,
            agency=client.agency,
            service=service,
            client=client,
            consent=services.ConsentInput(recorded=consent),
            draft=not payload.send,
            note=payload.note,
            need=payload.need,
            urgency=payload.urgency,
            support_plan_reference=payload.support_plan_reference,
            idempotency_key=payload.idempotency_key,
        )
    except ValidationError as error:
        return _validation_error(error)
    except NotAllowed as error:
        return _error(403, error)
    except ReferralError as error:
        return _error(400, error)
    referral = access.referral_get_for_user(user=user, referral_id=submission.referral.pk)
    return Status(201 if submission.created else 200, _referral_out(referral))


@router.get(
    "/{code}",
    response={200: ReferralDetailOut, 404: ErrorOut},
    url_name="referrals_get",
    summary=doc(_("紹介を一件見る")),
    description=doc(
        _(
            "紹介の内容、経過、あなたができる操作。client には、あなたが見てよい相談者の項目だけが入ります"
            "（提供機関は本人同意・支援会議の範囲だけ）。個人情報の閲覧は記録されます。"
        )
    ),
)
def referral_get(request: HttpRequest, code: str) -> Status:
    user = request.user
    referral = _get_or_none(user=user, code=code)
    if referral is None:
        return _error(404, _("紹介が見つかりません。"))
    view = access.client_view_for(user=user, referral=referral, purpose="api.referrals.get")
    body = _referral_out(referral)
    body.update(
        {
            "need": view.need,
            "support_plan_reference": referral.support_plan_reference,
            "appointment_at": referral.appointment_at,
            "decline_reason": referral.decline_reason,
            "close_reason": referral.close_reason,
            "cancel_reason": referral.cancel_reason,
            "outcome": referral.outcome,
            "client": {
                "fields": dict(view.fields),
                "basis": view.basis,
                "withheld": view.withheld,
                "withheld_message": view.withheld_message,
            },
            "timeline": [
                {
                    "at": event.at,
                    "action": event.action,
                    "from_status": event.from_status,
                    "to_status": event.to_status,
                    "actor": event.actor.get_username() if event.actor else None,
                    "actor_kind": event.actor_kind,
                    "reason_code": event.reason_code,
                    "note": event.note,
                }
                for event in selectors.referral_timeline(referral=referral)
            ],
            "actions": [
                str(a) for a in actions_from(referral.status) if access.can(user, a, referral)
            ],
        }
    )
    return Status(200, body)


@router.post(
    "/{code}/actions/{action}",
    response={200: ReferralOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="referrals_act",
    summary=doc(_("紹介を進める")),
    description=doc(
        _(
            "action: send, log_external（channel 必須）, accept, decline（reason 必須）, "
            "start（appointment_at 任意）, complete（outcome 必須）, close（reason 必須）, cancel。"
            "いまの状態からできない操作や、他の人が先に動かしたときは 409、"
            "あなたの側の操作でないときは 403 です。"
        )
    ),
)
def referral_act(
    request: HttpRequest, code: str, action: ActionCode, payload: ActionIn | None = None
) -> Status:
    user = request.user
    payload = payload or ActionIn.model_validate({})
    referral = _get_or_none(user=user, code=code)
    if referral is None:
        return _error(404, _("紹介が見つかりません。"))
    if payload.expected_status is not None:
        referral.status = payload.expected_status
    try:
        moved = services.referral_act(
            referral=referral,
            by=user,
            action=Action(action),
            reason=payload.reason,
            outcome=payload.outcome,
            channel=payload.channel,
            appointment_at=payload.appointment_at,
            note=payload.note,
        )
    except ValidationError as error:
        return _validation_error(error)
    except NotAllowed as error:
        return _error(403, error)
    except InvalidTransition as error:  # includes ReferralConflict
        return _error(409, error)
    except ReferralError as error:
        return _error(400, error)
    moved = access.referral_get_for_user(user=user, referral_id=moved.pk)
    return Status(200, _referral_out(moved))


def _get_or_none(*, user: User, code: str) -> Referral | None:
    if len(code) > 16:  # longer than any code: not worth a query
        return None
    try:
        return access.referral_get_for_user(user=user, code=code)
    except Http404:
        return None
