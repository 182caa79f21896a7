from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from directory import handouts, selectors
from directory.models import Handout, TaxonomyTerm
from directory.ratelimits import over_limit


def category_detail(request: HttpRequest, code: str) -> HttpResponse:
    term = get_object_or_404(TaxonomyTerm, code=code)
    page = selectors.category_services(term=term, page_number=request.GET.get("page", 1))
    return render(request, "directory/category_detail.html", {"term": term, "page_obj": page})


def service_redirect(request: HttpRequest, hsds_id) -> HttpResponse:
    """Stable link by HSDS id (the id the APIs use) to the service's current page URL.

    ``?lang=en`` (the hand-out's QR codes carry it) also switches the site language, so a client
    who scans the code reads the page in the language the hand-out was printed in.
    """
    service = selectors.service_by_hsds_id(hsds_id=hsds_id)
    if service is None:
        raise Http404
    response = redirect(service.url)
    language = request.GET.get("lang")
    if language and handouts.handout_language(language, default="") == language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def handout_new(request: HttpRequest) -> HttpResponse:
    """GET: the hand-out for ``?service=…`` (nothing stored). POST: store it as a short link."""
    data = request.POST if request.method == "POST" else request.GET
    service_ids = handouts.parse_service_ids(data.getlist("service"))
    language = handouts.handout_language(data.get("lang"), default=translation.get_language())
    if request.method == "POST" and service_ids:
        if not request.user.is_authenticated and over_limit(
            request, group="directory.handout_new", setting="HANDOUT_CREATE_RATE"
        ):
            return render(request, "directory/handout_limited.html", status=429)
        handout = handouts.handout_create(service_ids=service_ids, language=language)
        return redirect("directory:handout", code=handout.code)
    return _render_handout(request, service_ids=service_ids, language=language, handout=None)


def handout_detail(request: HttpRequest, code: str) -> HttpResponse:
    handout = handouts.handout_get(code=code)
    if handout is None:
        raise Http404
    language = handouts.handout_language(request.GET.get("lang"), default=handout.language)
    if handout.is_expired():
        with translation.override(language):
            return render(
                request, "directory/handout_expired.html", {"handout": handout}, status=410
            )
    service_ids = handouts.parse_service_ids(handout.service_ids)
    return _render_handout(request, service_ids=service_ids, language=language, handout=handout)


@login_required
@require_POST
def handout_mail(request: HttpRequest, code: str) -> HttpResponse:
    """Send the stored hand-out to the address typed on its page; the address is not kept."""
    handout = handouts.handout_get(code=code)
    if handout is None or handout.is_expired():
        raise Http404
    if over_limit(request, group="directory.handout_mail", setting="HANDOUT_MAIL_RATE"):
        messages.error(
            request,
            _(
                "短い時間にたくさん送ったため、いまは送れません。しばらく待ってから、もう一度ためしてください。"
            ),
        )
        return redirect("directory:handout", code=handout.code)
    try:
        handouts.handout_mail_send(handout=handout, to=request.POST.get("email", "").strip())
    except ValidationError:
        messages.error(request, _("メールアドレスの形が正しくありません。もう一度入れてください。"))
    except handouts.HandoutMailError:
        messages.error(
            request, _("メールを送れませんでした。少したってから、もう一度ためしてください。")
        )
    else:
        messages.success(request, _("案内をメールで送りました。"))
    return redirect("directory:handout", code=handout.code)


def _render_handout(
    request: HttpRequest, *, service_ids: list, language: str, handout: Handout | None
) -> HttpResponse:
    # The whole page is in the client's language, chosen on the hand-out, not the site's.
    with translation.override(language):
        items = selectors.handout_items(hsds_ids=service_ids)
        lang_suffix = "" if language == settings.LANGUAGE_CODE else f"?lang={language}"
        qr_codes = {
            item.number: handouts.qr_data_uri(
                request.build_absolute_uri(
                    reverse("directory:service_by_id", args=[item.service.hsds_id]) + lang_suffix
                )
            )
            for item in items
        }
        share_url = (
            request.build_absolute_uri(reverse("directory:handout", args=[handout.code]))
            if handout
            else ""
        )
        ids = [str(item.service.hsds_id) for item in items]
        context = {
            "handout": handout,
            "items": [
                (
                    item,
                    qr_codes[item.number],
                    _new_url([i for i in ids if i != str(item.service.hsds_id)], language),
                )
                for item in items
            ],
            "service_ids": ids,
            "handout_language": language,
            "language_choices": [
                (code, translation.get_language_info(code)["name_local"])
                for code, _name in settings.LANGUAGES
            ],
            "overview_map": handouts.overview_map(items),
            "share_url": share_url,
            "share_qr": handouts.qr_data_uri(share_url) if share_url else "",
            "missing_count": len(service_ids) - len(items),
            "generated_at": timezone.now(),
        }
        return render(request, "directory/handout.html", context)


def _new_url(service_ids: list[str], language: str) -> str:
    query = "&".join([f"service={i}" for i in service_ids] + [f"lang={language}"])
    return f"{reverse('directory:handout_new')}?{query}"
