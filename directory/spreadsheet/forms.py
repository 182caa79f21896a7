"""The upload form of the admin page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.spreadsheet.reader import msg_file_too_large, upload_too_large


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("記入したファイル"),
        help_text=_("テンプレートに記入した .xlsx か .csv（UTF-8 か Shift_JIS）。10MB まで。"),
    )
    draft = forms.BooleanField(
        label=_("下書きとして取り込む"),
        required=False,
        help_text=_("公開せず、検索にも載せません。あとで管理画面から公開します。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(
                _("取り込めるのは .xlsx と .csv のファイルです"), code="extension"
            )
        if upload_too_large(upload.size):
            raise forms.ValidationError(msg_file_too_large(), code="size")
        return upload
