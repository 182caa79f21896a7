"""Who acts in the referral workflow: agencies, provider staff and municipal roles.

Roles are rows, not Django groups: a membership row says *which* agency or organization a user
acts for, which a group cannot. Wagtail groups still govern page editing (moderators); a
coordinator who also moderates listings has both a ``PlatformRole`` and a Wagtail group.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from referrals.choices import AgencyKind, AgencyRole, PlatformRoleKind, ProviderRole


class Agency(models.Model):
    """The referring side: a consultation centre (自立相談支援機関) or a welfare office."""

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(
        _("種別"), max_length=30, choices=AgencyKind.choices, default=AgencyKind.CONSULTATION_CENTRE
    )
    # 全国地方公共団体コード (6 digits with check digit), as on directory.Location.
    municipality_code = models.CharField(_("市区町村コード"), max_length=6, blank=True)
    email = models.EmailField(
        _("代表メールアドレス"), blank=True, help_text=_("督促の宛先（担当者がいないとき）")
    )

    class Meta:
        verbose_name = _("相談支援機関")
        verbose_name_plural = _("相談支援機関")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgencyMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ユーザー"),
        on_delete=models.CASCADE,
        related_name="agency_memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("機関"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("役割"), max_length=30, choices=AgencyRole.choices, default=AgencyRole.SUPPORT_WORKER
    )

    class Meta:
        verbose_name = _("機関の職員")
        verbose_name_plural = _("機関の職員")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="referrals_agency_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency}"


class ProviderMembership(models.Model):
    """A user who answers referrals for a provider ``Organization`` (directory.OrganizationPage)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ユーザー"),
        on_delete=models.CASCADE,
        related_name="provider_memberships",
    )
    organization = models.ForeignKey(
        "directory.OrganizationPage",
        verbose_name=_("提供機関"),
        on_delete=models.CASCADE,
        related_name="provider_memberships",
    )
    role = models.CharField(
        _("役割"), max_length=30, choices=ProviderRole.choices, default=ProviderRole.PROVIDER_STAFF
    )

    class Meta:
        verbose_name = _("提供機関の職員")
        verbose_name_plural = _("提供機関の職員")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="referrals_provider_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization_id}"


class PlatformRole(models.Model):
    """Coordinator (自治体のコーディネーター) or administrator: statistics and the access log only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ユーザー"),
        on_delete=models.CASCADE,
        related_name="platform_roles",
    )
    role = models.CharField(_("役割"), max_length=30, choices=PlatformRoleKind.choices)
    municipality_code = models.CharField(
        _("市区町村コード"),
        max_length=6,
        blank=True,
        help_text=_("空欄なら全域の統計を見られます"),
    )

    class Meta:
        verbose_name = _("自治体の役割")
        verbose_name_plural = _("自治体の役割")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="referrals_platform_role_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"
