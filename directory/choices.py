"""Fixed vocabularies of the directory (facets a support worker filters on, PRODUCT.md).

Categories are a moderator-editable taxonomy (``TaxonomyTerm``); the lists here are closed
sets that the law or the product defines, so they live in code and translate with gettext.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderType(models.TextChoices):
    SOCIAL_WELFARE_CORPORATION = "social_welfare_corporation", _("社会福祉法人")
    NPO = "npo", _("NPO法人")
    COUNCIL_OF_SOCIAL_WELFARE = "council_of_social_welfare", _("社会福祉協議会")
    GOVERNMENT = "government", _("行政機関")
    COMPANY = "company", _("株式会社・合同会社")
    GENERAL_INCORPORATED_ASSOCIATION = "general_association", _("一般社団法人・一般財団法人")
    PUBLIC_INTEREST_CORPORATION = "public_interest_corporation", _("公益社団法人・公益財団法人")
    MEDICAL_CORPORATION = "medical_corporation", _("医療法人")
    COOPERATIVE = "cooperative", _("生活協同組合")
    VOLUNTARY_GROUP = "voluntary_group", _("任意団体・ボランティア団体")
    OTHER = "other", _("その他")


class ServiceStatus(models.TextChoices):
    """HSDS service.status."""

    ACTIVE = "active", _("実施中")
    INACTIVE = "inactive", _("休止中")
    DEFUNCT = "defunct", _("終了")
    TEMPORARILY_CLOSED = "temporarily closed", _("一時休止")


class TargetGroup(models.TextChoices):
    SINGLE = "single", _("単身の方")
    SINGLE_PARENT = "single_parent", _("ひとり親家庭")
    OLDER_PERSON = "older_person", _("高齢の方")
    YOUNG_PERSON = "young_person", _("若者")
    FOREIGN_NATIONAL = "foreign_national", _("外国籍の方")
    PUBLIC_ASSISTANCE = "public_assistance", _("生活保護を受けている方")
    DISABILITY = "disability", _("障害のある方")
    HOUSEHOLD_WITH_CHILDREN = "household_with_children", _("子どものいる世帯")
    ANYONE = "anyone", _("どなたでも")


class DeliveryMode(models.TextChoices):
    IN_PERSON = "in_person", _("来所")
    OUTREACH = "outreach", _("訪問・アウトリーチ")
    PHONE = "phone", _("電話")
    ONLINE = "online", _("オンライン")


class Availability(models.TextChoices):
    """Intake state; HSDS 3.1's service_capacity is the model for the capacity note."""

    ACCEPTING = "accepting", _("受付中")
    WAITLIST = "waitlist", _("順番待ち")
    PAUSED = "paused", _("受付停止中")


# Referring to a service in these states asks the worker to confirm they read the note.
AVAILABILITY_LIMITED = frozenset({Availability.WAITLIST, Availability.PAUSED})


class CostCategory(models.TextChoices):
    FREE = "free", _("無料")
    LOW_COST = "low_cost", _("低額")
    FEE = "fee", _("有料")


class Language(models.TextChoices):
    """Languages in which help is actually given (BCP 47; やさしい日本語 as a private tag)."""

    JAPANESE = "ja", "日本語"
    EASY_JAPANESE = "ja-x-easy", "やさしい日本語"
    ENGLISH = "en", "English"
    CHINESE = "zh", "中文"
    KOREAN = "ko", "한국어"
    VIETNAMESE = "vi", "Tiếng Việt"
    PORTUGUESE = "pt", "Português"
    TAGALOG = "tl", "Tagalog"
    NEPALI = "ne", "नेपाली"
    SPANISH = "es", "Español"
    INDONESIAN = "id", "Bahasa Indonesia"
    SIGN_LANGUAGE = "jsl", _("日本手話")


class AccessibilityFeature(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("車いすで入れる")
    ELEVATOR = "elevator", _("エレベーターあり")
    ACCESSIBLE_TOILET = "accessible_toilet", _("多目的トイレあり")
    BRAILLE = "braille", _("点字案内あり")
    WRITTEN_COMMUNICATION = "written_communication", _("筆談できます")
    PARKING = "parking", _("駐車場あり")
    CHILD_FRIENDLY = "child_friendly", _("子ども連れで来られます")


class CertificationKind(models.TextChoices):
    WORK_TRAINING = "work_training", _("認定就労訓練事業所")
    HOUSING_SUPPORT_CORPORATION = "housing_support_corporation", _("居住支援法人")
    FOOD_BANK_CERTIFIED = "food_bank", _("フードバンク認証")
    OTHER = "other", _("その他の認定・指定")


class LocationType(models.TextChoices):
    """HSDS location.location_type."""

    PHYSICAL = "physical", _("所在地")
    POSTAL = "postal", _("郵送先")
    VIRTUAL = "virtual", _("オンライン")


class PhoneType(models.TextChoices):
    VOICE = "voice", _("電話")
    FAX = "fax", _("FAX")
    TEXT = "text", _("SMS")
    CELL = "cell", _("携帯電話")
    VIDEO = "video", _("ビデオ通話")
    TEXTPHONE = "textphone", _("文字電話")


class ScheduleFrequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("毎週")
    MONTHLY = "MONTHLY", _("毎月（第何曜日）")


class IdentifierType(models.TextChoices):
    """Official numbers of a service or location (ServiceIdentifier, LocationIdentifier)."""

    CARE_OFFICE = "jp_care_office_number", _("介護保険事業所番号")
    DISABILITY_OFFICE = "jp_disability_office_number", _("障害福祉サービス等事業所番号")
    OTHER = "other", _("その他の番号")
