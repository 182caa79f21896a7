"""The worker's hand-out: built from search picks, printable, shared as an expiring short link."""

import re
from datetime import datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from directory.handouts import (
    handout_create,
    handouts_delete_expired,
    overview_map,
    parse_service_ids,
)
from directory.models import Handout, RequiredDocument, ServicePhone
from directory.models.handouts import CODE_ALPHABET, CODE_LENGTH, MAX_HANDOUT_SERVICES
from directory.selectors import handout_items
from tests.factories import (
    AddressFactory,
    LocationFactory,
    ServicePageFactory,
    add_schedule,
    service_at,
)

TOKYO = ZoneInfo("Asia/Tokyo")
pytestmark = pytest.mark.django_db


def _url(*services, lang=None):
    query = "&".join(f"service={s.hsds_id}" for s in services)
    return f"/handout/new?{query}" + (f"&lang={lang}" if lang else "")


@pytest.fixture
def three_services(directory_index):
    services = []
    for n, (lat, lng) in enumerate([(35.7295, 139.7190), (35.7310, 139.7150), (35.7250, 139.7220)]):
        service = ServicePageFactory(title=f"支援{n + 1}")
        address = AddressFactory(location=LocationFactory(latitude=lat, longitude=lng))
        service_at(service, address.location)
        add_schedule(service, byday="MO,TU,WE,TH,FR", opens=(9, 0), closes=(17, 0))
        RequiredDocument.objects.create(service=service, document="本人確認書類")
        services.append(service)
    return services


def test_parse_service_ids_keeps_order_drops_junk_and_duplicates():
    a, b = uuid4(), uuid4()
    assert parse_service_ids([str(a), "nonsense", f"{b},{a}"]) == [a, b]
    many = [str(uuid4()) for _ in range(MAX_HANDOUT_SERVICES + 5)]
    assert len(parse_service_ids(many)) == MAX_HANDOUT_SERVICES


def test_handout_page_lists_each_place_with_what_a_client_needs(client, three_services):
    response = client.get(_url(*three_services))
    assert response.status_code == 200
    body = response.content.decode()
    for service in three_services:
        assert service.title in body
    assert body.count('class="handout-item"') == 3
    assert "本人確認書類" in body  # what to bring
    assert "東池袋1-2-3" in body  # address
    assert "月・火・水・木・金 9:00〜17:00" in body  # hours
    assert "openstreetmap.org/directions" in body
    assert body.count("data:image/svg+xml") == 3  # a QR code per place, inline (prints offline)
    assert '<svg viewBox="0 0 320 180"' in body  # overview map without tiles
    assert "https://tile" not in body


def test_handout_shows_next_opening(client, three_services, monkeypatch):
    saturday = datetime(2026, 11, 7, 11, 0, tzinfo=TOKYO)
    monkeypatch.setattr("django.utils.timezone.now", lambda: saturday)
    body = client.get(_url(three_services[0])).content.decode()
    assert "次は 11月9日(月) 9:00 から" in body


def test_handout_is_in_the_chosen_language(client, three_services):
    three_services[0].name_en = "Food bank"
    three_services[0].save_revision().publish()
    body = client.get(_url(*three_services, lang="en")).content.decode()
    assert '<html lang="en">' in body
    assert "Where to get help" in body
    assert "Food bank" in body
    assert "This information is only available in Japanese" in body  # the other two


def test_unknown_language_falls_back_to_the_site_language(client, three_services):
    body = client.get(_url(*three_services, lang="xx")).content.decode()
    assert '<html lang="ja">' in body


def test_unpublished_services_are_left_out_and_said_so(client, directory_index):
    live = ServicePageFactory(title="公開中の支援")
    draft = ServicePageFactory(title="下書きの支援", publish=False)
    body = client.get(_url(live, draft)).content.decode()
    assert "公開中の支援" in body
    assert "下書きの支援" not in body
    assert "1件の支援は、いまは公開されていないため" in body


def test_empty_handout_explains_how_to_pick(client, directory_index):
    body = client.get("/handout/new").content.decode()
    assert "案内に入れる支援が選ばれていません" in body


def test_share_link_stores_only_ids_and_language(client, three_services):
    ids = [str(s.hsds_id) for s in three_services]
    response = client.post("/handout/new", {"service": ids, "lang": "ja-easy", "name": "山田太郎"})
    assert response.status_code == 302
    handout = Handout.objects.get()
    assert response["Location"] == f"/h/{handout.code}"
    assert handout.service_ids == ids
    assert handout.language == "ja-easy"
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}", handout.code)
    assert {f.name for f in Handout._meta.get_fields()} == {
        "id",
        "code",
        "service_ids",
        "language",
        "created_at",
        "expires_at",
    }
    lifetime = handout.expires_at - handout.created_at
    assert timedelta(days=29, hours=23) < lifetime <= timedelta(days=30)


def test_short_link_shows_the_handout_in_its_language(client, three_services):
    handout = handout_create(service_ids=[s.hsds_id for s in three_services], language="en")
    body = client.get(f"/h/{handout.code}").content.decode()
    assert "Where to get help" in body
    assert f"/h/{handout.code}" in body  # the link to share, and its QR code
    assert body.count('class="handout-item"') == 3


def test_expired_short_link_is_gone(client, three_services):
    handout = handout_create(service_ids=[three_services[0].hsds_id], language="ja")
    Handout.objects.filter(pk=handout.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(f"/h/{handout.code}")
    assert response.status_code == 410
    assert "期限が切れました" in response.content.decode()
    assert three_services[0].title not in response.content.decode()


def test_expired_handouts_are_deleted_and_live_ones_kept(three_services):
    ids = [three_services[0].hsds_id]
    now = timezone.now()
    expired = handout_create(service_ids=ids, language="ja")
    at_cutoff = handout_create(service_ids=ids, language="en")
    live = handout_create(service_ids=ids, language="ja-easy")
    Handout.objects.filter(pk=expired.pk).update(expires_at=now - timedelta(days=1))
    Handout.objects.filter(pk=at_cutoff.pk).update(expires_at=now)

    assert handouts_delete_expired(now=now) == 2
    assert list(Handout.objects.values_list("pk", flat=True)) == [live.pk]
    assert handouts_delete_expired(now=now) == 0  # a second run the same day does nothing


def test_delete_expired_handouts_command(three_services, capsys):
    handout = handout_create(service_ids=[three_services[0].hsds_id], language="ja")
    later = (handout.expires_at + timedelta(minutes=1)).isoformat()

    call_command("delete_expired_handouts")  # not yet expired: kept
    assert Handout.objects.filter(pk=handout.pk).exists()
    call_command("delete_expired_handouts", "--now", later)
    assert not Handout.objects.exists()
    assert "1 件削除しました" in capsys.readouterr().out


def test_unknown_short_link_is_404(client, directory_index):
    assert client.get("/h/NOSUCH22").status_code == 404


def test_service_page_links_to_directions_call_and_handout(client, three_services):
    service = three_services[0]
    ServicePhone.objects.create(page=service, number="03-0123-4567", type="voice")
    body = client.get(service.url).content.decode()
    assert 'href="tel:' in body
    assert "openstreetmap.org/directions?route=%3B35.729500%2C139.719000" in body
    assert f'href="/handout/new?service={service.hsds_id}"' in body


def test_qr_link_sets_the_language_of_the_service_page(client, three_services):
    service = three_services[0]
    response = client.get(f"/services/{service.hsds_id}/?lang=en")
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert "django_language" not in client.get(f"/services/{service.hsds_id}/?lang=xx").cookies


def test_overview_map_merges_places_at_the_same_point(
    three_services, django_assert_max_num_queries
):
    ids = [s.hsds_id for s in three_services]
    with django_assert_max_num_queries(20):
        items = handout_items(hsds_ids=ids)
    assert [item.service.hsds_id for item in items] == ids
    drawing = overview_map(items)
    assert drawing is not None
    assert sorted(m.label for m in drawing.markers) == ["1", "2", "3"]
    for marker in drawing.markers:
        assert 0 <= marker.x <= drawing.width and 0 <= marker.y <= drawing.height


def test_anonymous_handout_creation_is_rate_limited_with_a_kind_page(
    client, three_services, settings
):
    from django.core.cache import cache

    cache.clear()
    settings.HANDOUT_CREATE_RATE = "2/m"
    data = {"service": [str(three_services[0].hsds_id)], "lang": "ja"}
    assert [client.post("/handout/new", data).status_code for _ in range(2)] == [302, 302]
    limited = client.post("/handout/new", data)
    assert limited.status_code == 429
    assert "少し時間をおいてください" in limited.content.decode()
    assert Handout.objects.count() == 2
    cache.clear()


# --- the hand-out by e-mail --------------------------------------------------------------------

ADDRESS = "client.person@example.jp"


@pytest.fixture
def mailing(client, three_services, settings):
    """A signed-in worker on a stored hand-out, with the mail limit counted from zero."""
    from django.core.cache import cache

    from tests.otp import login_verified
    from tests.referrals.factories import UserFactory

    cache.clear()
    settings.SITE_URL = "https://tsunagu.example.jp"
    login_verified(client, UserFactory())
    yield handout_create(service_ids=[s.hsds_id for s in three_services], language="ja")
    cache.clear()


def _send(client, handout, address=ADDRESS):
    return client.post(f"/h/{handout.code}/mail", {"email": address})


def test_mailed_handout_names_every_service(client, mailing, mailoutbox):
    _send(client, mailing)

    assert all(f"支援{n}" in mailoutbox[0].body for n in (1, 2, 3))


def test_mailed_handout_links_to_itself_on_the_site_url(client, mailing, mailoutbox):
    _send(client, mailing)

    assert f"https://tsunagu.example.jp/h/{mailing.code}" in mailoutbox[0].body


def test_mailed_handout_goes_only_to_the_typed_address(client, mailing, mailoutbox):
    _send(client, mailing)

    assert mailoutbox[0].to == [ADDRESS]


def test_mailed_handout_is_in_the_handouts_language(client, three_services, mailing, mailoutbox):
    english = handout_create(service_ids=[three_services[0].hsds_id], language="en")

    _send(client, english)

    assert "?lang=en" in mailoutbox[0].body and "支援の案内をお送りします" not in mailoutbox[0].body


def test_a_bad_address_sends_nothing(client, mailing, mailoutbox):
    _send(client, mailing, address="not-an-address")

    assert mailoutbox == []


def test_the_address_is_not_logged(client, mailing, caplog):
    caplog.set_level("DEBUG")

    _send(client, mailing)

    assert ADDRESS not in caplog.text


def test_a_failed_mail_logs_no_address(client, mailing, caplog, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(f"550 {ADDRESS} refused")

    monkeypatch.setattr("directory.handouts.send_mail", refuse)

    _send(client, mailing)

    assert ADDRESS not in caplog.text


def test_the_address_is_not_kept_after_sending(client, mailing):
    from django.contrib.sessions.models import Session

    response = _send(client, mailing)
    client.get(response["Location"])  # the confirmation is shown, then forgotten

    assert not any(ADDRESS in str(s.get_decoded()) for s in Session.objects.all())
    assert ADDRESS not in str(client.cookies)


def test_anonymous_visitors_cannot_mail_a_handout(client, three_services, mailoutbox):
    handout = handout_create(service_ids=[three_services[0].hsds_id], language="ja")

    response = _send(client, handout)

    assert (response.status_code, mailoutbox) == (302, [])
    assert "/login/" in response["Location"]


def test_an_expired_handout_cannot_be_mailed(client, mailing, mailoutbox):
    Handout.objects.filter(pk=mailing.pk).update(expires_at=timezone.now() - timedelta(days=1))

    assert _send(client, mailing).status_code == 404


def test_mailing_handouts_is_rate_limited(client, mailing, mailoutbox, settings):
    settings.HANDOUT_MAIL_RATE = "2/m"

    for _ in range(3):
        _send(client, mailing)

    assert len(mailoutbox) == 2


def test_the_stored_handout_page_offers_mailing_to_staff(client, mailing):
    body = client.get(f"/h/{mailing.code}").content.decode()

    assert f'action="/h/{mailing.code}/mail"' in body


def test_the_stored_handout_page_offers_no_mailing_to_anonymous_visitors(client, three_services):
    handout = handout_create(service_ids=[three_services[0].hsds_id], language="ja")

    assert "/mail" not in client.get(f"/h/{handout.code}").content.decode()
