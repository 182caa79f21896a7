"""One-line plain-Japanese definitions of every figure (the same text is in docs/dashboard.md)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "sent": _("送った紹介"),
    "accepted": _("受け入れられた紹介"),
    "declined": _("お断りされた紹介"),
    "completed": _("完了した紹介"),
    "closed": _("つながらずに終了した紹介"),
    "cancelled": _("取り消した紹介"),
    "in_progress": _("受け入れ後・支援中の紹介"),
    "waiting": _("返事を待っている紹介"),
    "overdue": _("返事の期限を過ぎた紹介（いま）"),
    "first_answer_median": _("最初の返事までの日数（真ん中の値）"),
    "first_answer_p90": _("9割の紹介に返事が来るまでの日数"),
    "completion_median": _("完了までの日数（真ん中の値）"),
    "completion_p90": _("9割の完了が終わるまでの日数"),
    "clients_referred": _("紹介した相談者"),
    "multi_organization": _("2つ以上の機関につないだ相談者（多機関連携）"),
    "multi_category": _("2つ以上の分野につないだ相談者"),
    "new_clients": _("新しく登録した相談者"),
    "per_100k": _("人口10万人あたりの紹介"),
    "listings_new": _("新しく掲載したサービス"),
    "listings_updated": _("更新したサービス"),
    "listings_confirmed": _("内容を確認したサービス"),
    "listings_stale": _("6か月以上確認していないサービス"),
    "certifications_expiring": _("90日以内に期限が切れる認定"),
}

DEFINITIONS = {
    "sent": _("期間内に提供機関へ送った紹介の数（下書きは含まない）。"),
    "accepted": _("送った紹介のうち、提供機関が一度でも受け入れた数（その後の完了・終了を含む）。"),
    "declined": _("送った紹介のうち、提供機関がお断りした数。"),
    "completed": _("送った紹介のうち、支援が終わって完了になった数。"),
    "closed": _("受け入れ後に支援につながらず終了した数。"),
    "cancelled": _("紹介元が取り消した数。"),
    "in_progress": _("受け入れられて、いま支援が続いている数。"),
    "waiting": _("送ったまま、まだ返事がない数。"),
    "overdue": _("返事がないまま、決められた営業日数を過ぎている数（今日の時点）。"),
    "first_answer_median": _(
        "送ってから受け入れかお断りの返事までの日数を短い順に並べた、真ん中の値。"
    ),
    "first_answer_p90": _(
        "返事のあった紹介の9割が、この日数までに返事を受けた（遅いほうから1割の境目）。"
    ),
    "completion_median": _("送ってから完了までの日数を短い順に並べた、真ん中の値。"),
    "completion_p90": _("完了した紹介の9割が、この日数までに完了した（遅いほうから1割の境目）。"),
    "clients_referred": _("期間内に1件以上紹介した相談者の人数。"),
    "multi_organization": _("期間内に2つ以上の異なる提供機関へ紹介した相談者の人数。"),
    "multi_category": _("期間内に2つ以上の異なる分野のサービスへ紹介した相談者の人数。"),
    "new_clients": _("期間内に新しく登録した相談者の人数。"),
    "per_100k": _("送った紹介の数を、紹介元の市区町村の人口10万人あたりに直した値。"),
    "listings_new": _("期間内に初めて公開したサービスの数。"),
    "listings_updated": _("期間内に内容を更新して公開したサービスの数。"),
    "listings_confirmed": _("期間内に提供者かコーディネーターが内容を確認したサービスの数。"),
    "listings_stale": _("最終確認日がないか、6か月より前のままの公開中のサービスの数。"),
    "certifications_expiring": _("今日から90日以内に有効期間が終わる認定・指定の数。"),
}
