"""Closed vocabularies of the referral workflow (PRODUCT.md, "The referral and consent rules").

They live in code, not in the database, because the law (生活困窮者自立支援法) and the state table
define them; the labels are Japanese msgids and translate with gettext.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    CONSULTATION_CENTRE = "consultation_centre", _("自立相談支援機関")
    WELFARE_OFFICE = "welfare_office", _("福祉事務所")
    OTHER = "other", _("その他")


class AgencyRole(models.TextChoices):
    SUPPORT_WORKER = "support_worker", _("支援員")
    AGENCY_LEAD = "agency_lead", _("主任")


class ProviderRole(models.TextChoices):
    PROVIDER_STAFF = "provider_staff", _("提供機関の職員")


class PlatformRoleKind(models.TextChoices):
    """Municipal roles that span agencies and providers; they never see personal data."""

    COORDINATOR = "coordinator", _("コーディネーター")
    ADMINISTRATOR = "administrator", _("管理者")


class HouseholdType(models.TextChoices):
    SINGLE = "single", _("単身")
    SINGLE_PARENT = "single_parent", _("ひとり親世帯")
    COUPLE = "couple", _("夫婦のみ")
    COUPLE_WITH_CHILDREN = "couple_with_children", _("夫婦と子")
    OLDER_HOUSEHOLD = "older_household", _("高齢者世帯")
    OTHER = "other", _("その他")


class ClientField(models.TextChoices):
    """The client fields a consent may share; the scope is a subset of these."""

    NAME = "name", _("氏名")
    NAME_READING = "name_reading", _("ふりがな")
    PHONE = "phone", _("電話番号")
    EMAIL = "email", _("メールアドレス")
    DATE_OF_BIRTH = "date_of_birth", _("生年月日")
    HOUSEHOLD = "household", _("世帯の状況")
    LANGUAGES = "languages", _("話せる言語")
    NEEDS_SUMMARY = "needs_summary", _("困りごとの概要")


class ConsentBasis(models.TextChoices):
    # 本人同意: the person agreed (支援調整会議 and ordinary referrals).
    CONSENT = "consent", _("本人同意")
    # 支援会議 (法第9条): members share without consent under a duty of confidentiality.
    SUPPORT_CONFERENCE = "support_conference", _("支援会議")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("書面")
    VERBAL = "verbal", _("口頭")
    ELECTRONIC = "electronic", _("電子")


class Status(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SENT = "sent", _("送信済み")
    ACCEPTED = "accepted", _("受け入れ")
    DECLINED = "declined", _("お断り")
    IN_PROGRESS = "in_progress", _("支援中")
    COMPLETED = "completed", _("完了")
    CLOSED = "closed", _("終了（つながらず）")
    CANCELLED = "cancelled", _("取り消し")


class Action(models.TextChoices):
    SEND = "send", _("送信する")
    LOG_EXTERNAL = "log_external", _("外部でのつなぎを記録する")
    ACCEPT = "accept", _("受け入れる")
    DECLINE = "decline", _("お断りする")
    START = "start", _("支援を始める")
    COMPLETE = "complete", _("完了にする")
    CLOSE = "close", _("終了にする（つながらず）")
    CANCEL = "cancel", _("取り消す")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("通常")
    URGENT = "urgent", _("至急")


class ExternalChannel(models.TextChoices):
    """How a "logged" referral was handed over outside the platform."""

    PHONE = "phone", _("電話")
    FAX = "fax", _("FAX")
    SLIP = "slip", _("紹介票（紙）")


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("受け入れ枠がない")
    NOT_ELIGIBLE = "not_eligible", _("対象外")
    OUT_OF_AREA = "out_of_area", _("対象地域外")
    SERVICE_UNAVAILABLE = "service_unavailable", _("現在このサービスを行っていない")
    DUPLICATE = "duplicate", _("重複した紹介")
    OTHER = "other", _("その他")


class CloseReason(models.TextChoices):
    COULD_NOT_CONTACT = "could_not_contact", _("連絡がつかなかった")
    NOT_ELIGIBLE = "not_eligible", _("対象外だった")
    NO_CAPACITY = "no_capacity", _("受け入れ枠がなかった")
    CLIENT_WITHDREW = "client_withdrew", _("本人が辞退した")
    OTHER = "other", _("その他")


class CancelReason(models.TextChoices):
    CLIENT_WITHDREW = "client_withdrew", _("本人が辞退した")
    RESOLVED_ELSEWHERE = "resolved_elsewhere", _("他で解決した")
    SENT_IN_ERROR = "sent_in_error", _("誤って送信した")
    OTHER = "other", _("その他")


class Outcome(models.TextChoices):
    NEED_MET = "need_met", _("支援を提供できた")
    PARTLY_MET = "partly_met", _("一部の支援を提供できた")
    REFERRED_ONWARD = "referred_onward", _("他の機関につないだ")


class NotificationKind(models.TextChoices):
    SENT = "sent", _("新しい紹介")
    ACCEPTED = "accepted", _("受け入れられました")
    DECLINED = "declined", _("お断りされました")
    STARTED = "started", _("支援が始まりました")
    COMPLETED = "completed", _("完了しました")
    CLOSED = "closed", _("終了しました（つながらず）")
    CANCELLED = "cancelled", _("取り消されました")
    REMINDER = "reminder", _("未対応の紹介があります")
    ESCALATION = "escalation", _("紹介への返事がありません")


class ActorKind(models.TextChoices):
    USER = "user", _("利用者")
    PROVIDER_LINK = "provider_link", _("提供機関向けリンク")
    SYSTEM = "system", _("システム")
