from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Django's form with our labels and a kinder message for a wrong password."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "ユーザー名かパスワードが違います。大文字と小文字も確かめて、もう一度入れてください。"
        ),
        "inactive": _("このアカウントは使えません。管理者にお問い合わせください。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("ユーザー名")
        self.fields["password"].label = _("パスワード")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("確認コード"),
        max_length=16,
        help_text=_("認証アプリに出ている6けたの数字、またはバックアップコードを入れてください。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
