"""Sign-in, sign-out, password reset and the two-factor pages, in the site's own look."""

from __future__ import annotations

import base64
import math

import segno
from axes.helpers import get_cool_off
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import SignInForm, TokenForm
from accounts.selectors import has_confirmed_device, home_url_for


def _next_or_home(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return home_url_for(user=request.user)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        # The two-factor middleware steps in on the next request when it is needed.
        return home_url_for(user=self.request.user)


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("accounts:login")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): our page, with the wait in
    minutes, and 429 Too Many Requests."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code, confirm with one code, keep the backup
    codes. Someone who already has an app must first verify with it (no second app for a
    password thief)."""
    if has_confirmed_device(user=request.user) and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = services.totp_device_pending(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": _next_or_home(request)},
            )
        form.add_error("token", _wrong_code())
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
            "secret": base64.b32encode(device.bin_key).decode(),
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not has_confirmed_device(user=request.user):
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_or_home(request))
        form.add_error("token", _wrong_code())
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


def _wrong_code() -> str:
    return _("コードが違うか、時間が過ぎています。アプリに今出ている数字を入れてください。")
