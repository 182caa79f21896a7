"""The agency's lists of favourite services: shared inside one agency, invisible to others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory.choices import Availability
from referrals import favourites
from referrals.models import FavouriteItem, FavouriteList
from tests.otp import login_verified
from tests.search.search_fakes import FakeBackend, install

pytestmark = pytest.mark.django_db


def _list(world, name="食料のとき"):
    return FavouriteList.objects.create(agency=world.agency, name=name, created_by=world.worker)


def _put(client, user, **data):
    login_verified(client, user)
    return client.post(reverse("referrals:favourite_service"), data)


def test_a_new_list_belongs_to_the_workers_agency(world):
    created = favourites.list_create(user=world.worker, name="  食料のとき ")

    assert (created.agency, created.name) == (world.agency, "食料のとき")


def test_a_list_without_a_name_is_not_made(world):
    assert favourites.list_create(user=world.worker, name="   ") is None


def test_someone_outside_every_agency_cannot_make_a_list(world):
    assert favourites.list_create(user=world.provider_staff, name="x") is None


def test_a_colleague_of_the_same_agency_sees_the_list(world):
    shared = _list(world)

    assert list(favourites.lists_for(user=world.lead)) == [shared]


def test_another_agency_does_not_see_the_list(world):
    _list(world)

    assert not favourites.lists_for(user=world.other_worker).exists()


def test_a_colleague_can_put_a_service_on_the_list(client, world):
    shared = _list(world)

    _put(client, world.lead, list=shared.pk, hsds_id=world.service.hsds_id)

    assert FavouriteItem.objects.filter(favourite_list=shared, service=world.service).exists()


def test_another_agency_cannot_put_a_service_on_the_list(client, world):
    shared = _list(world)

    _put(client, world.other_worker, list=shared.pk, hsds_id=world.service.hsds_id)

    assert not FavouriteItem.objects.filter(favourite_list=shared).exists()


def test_putting_a_service_twice_keeps_it_once(world):
    shared = _list(world)
    for _ in range(2):
        favourites.service_add(user=world.worker, list_id=shared.pk, service=world.service)

    assert FavouriteItem.objects.filter(favourite_list=shared).count() == 1


def test_a_worker_can_take_a_service_off_the_list(client, world):
    shared = _list(world)
    FavouriteItem.objects.create(favourite_list=shared, service=world.service)

    _put(client, world.worker, remove=shared.pk, hsds_id=world.service.hsds_id)

    assert not FavouriteItem.objects.filter(favourite_list=shared).exists()


def test_another_agency_cannot_take_a_service_off_the_list(client, world):
    shared = _list(world)
    FavouriteItem.objects.create(favourite_list=shared, service=world.service)

    _put(client, world.other_worker, remove=shared.pk, hsds_id=world.service.hsds_id)

    assert FavouriteItem.objects.filter(favourite_list=shared).exists()


def test_putting_a_service_goes_back_to_the_page_it_came_from(client, world):
    shared = _list(world)

    response = _put(
        client, world.worker, list=shared.pk, hsds_id=world.service.hsds_id, next="/search/?q=x"
    )

    assert response["Location"] == "/search/?q=x"


def test_making_a_list_from_a_service_page_puts_the_service_on_it(client, world):
    login_verified(client, world.worker)

    client.post(
        reverse("referrals:favourite_list_create"),
        {"name": "住まい", "hsds_id": world.service.hsds_id},
    )

    made = FavouriteList.objects.get(agency=world.agency, name="住まい")
    assert list(made.items.values_list("service", flat=True)) == [world.service.pk]


def test_the_list_page_shows_name_availability_and_a_refer_link(client, world):
    shared = _list(world)
    FavouriteItem.objects.create(favourite_list=shared, service=world.service)
    type(world.service).objects.filter(pk=world.service.pk).update(
        availability=Availability.WAITLIST
    )
    login_verified(client, world.worker)

    html = client.get(reverse("referrals:favourite_list", args=[shared.pk])).content.decode()

    assert "食料品の無料配布" in html
    assert str(Availability.WAITLIST.label) in html
    assert f"{reverse('referrals:new')}?service={world.service.hsds_id}" in html


def test_another_agency_cannot_open_the_list(client, world):
    shared = _list(world)
    login_verified(client, world.other_worker)

    response = client.get(reverse("referrals:favourite_list", args=[shared.pk]))

    assert response.status_code == 404


def test_another_agency_cannot_delete_the_list(client, world):
    shared = _list(world)
    login_verified(client, world.other_worker)

    client.post(reverse("referrals:favourite_list_delete", args=[shared.pk]))

    assert FavouriteList.objects.filter(pk=shared.pk).exists()


def test_a_colleague_can_delete_the_list(client, world):
    shared = _list(world)
    login_verified(client, world.lead)

    client.post(reverse("referrals:favourite_list_delete", args=[shared.pk]))

    assert not FavouriteList.objects.filter(pk=shared.pk).exists()


def test_the_list_page_links_to_a_delete_confirmation_not_a_delete_button(client, world):
    shared = _list(world)
    login_verified(client, world.worker)

    html = client.get(reverse("referrals:favourite_list", args=[shared.pk])).content.decode()

    assert f'href="{reverse("referrals:favourite_list_delete", args=[shared.pk])}"' in html
    assert f'action="{reverse("referrals:favourite_list_delete", args=[shared.pk])}"' not in html


def test_opening_the_delete_confirmation_keeps_the_list(client, world):
    shared = _list(world)
    login_verified(client, world.worker)

    response = client.get(reverse("referrals:favourite_list_delete", args=[shared.pk]))

    assert response.status_code == 200
    assert FavouriteList.objects.filter(pk=shared.pk).exists()


def test_the_delete_confirmation_names_the_list_and_posts_the_delete(client, world):
    shared = _list(world)
    login_verified(client, world.worker)

    html = client.get(reverse("referrals:favourite_list_delete", args=[shared.pk])).content.decode()

    assert "食料のとき" in html
    assert f'action="{reverse("referrals:favourite_list_delete", args=[shared.pk])}"' in html


def test_another_agency_cannot_open_the_delete_confirmation(client, world):
    shared = _list(world)
    login_verified(client, world.other_worker)

    response = client.get(reverse("referrals:favourite_list_delete", args=[shared.pk]))

    assert response.status_code == 404


def test_a_colleague_can_rename_the_list(client, world):
    shared = _list(world)
    login_verified(client, world.lead)

    client.post(
        reverse("referrals:favourite_list_rename", args=[shared.pk]), {"name": " 食料と衣類 "}
    )

    assert FavouriteList.objects.get(pk=shared.pk).name == "食料と衣類"


def test_renaming_goes_back_to_the_list(client, world):
    shared = _list(world)
    login_verified(client, world.worker)

    response = client.post(
        reverse("referrals:favourite_list_rename", args=[shared.pk]), {"name": "食料と衣類"}
    )

    assert response.url == reverse("referrals:favourite_list", args=[shared.pk])


def test_an_empty_name_keeps_the_old_one(client, world):
    shared = _list(world)
    login_verified(client, world.worker)

    client.post(reverse("referrals:favourite_list_rename", args=[shared.pk]), {"name": "  "})

    assert FavouriteList.objects.get(pk=shared.pk).name == "食料のとき"


def test_another_agency_cannot_rename_the_list(client, world):
    shared = _list(world)
    login_verified(client, world.other_worker)

    response = client.post(
        reverse("referrals:favourite_list_rename", args=[shared.pk]), {"name": "乗っ取り"}
    )

    assert response.status_code == 404
    assert FavouriteList.objects.get(pk=shared.pk).name == "食料のとき"


def test_a_provider_cannot_rename_the_list(client, world):
    shared = _list(world)
    login_verified(client, world.provider_staff)

    response = client.post(
        reverse("referrals:favourite_list_rename", args=[shared.pk]), {"name": "x"}
    )

    assert response.status_code == 404


def test_the_list_page_offers_the_rename_form(client, world):
    shared = _list(world)
    login_verified(client, world.worker)

    html = client.get(reverse("referrals:favourite_list", args=[shared.pk])).content.decode()

    assert f'action="{reverse("referrals:favourite_list_rename", args=[shared.pk])}"' in html


def test_my_work_lists_the_agencys_lists(client, world):
    shared = _list(world, name="子ども食堂まとめ")
    login_verified(client, world.lead)

    html = client.get(reverse("my")).content.decode()

    assert reverse("referrals:favourite_list", args=[shared.pk]) in html


def test_my_work_of_another_agency_does_not_list_them(client, world):
    _list(world, name="子ども食堂まとめ")
    login_verified(client, world.other_worker)

    assert "子ども食堂まとめ" not in client.get(reverse("my")).content.decode()


def test_the_service_page_offers_the_lists_to_a_worker(client, world):
    _list(world, name="子ども食堂まとめ")
    login_verified(client, world.worker)

    html = client.get(world.service.url).content.decode()

    assert f'id="fav-{world.service.hsds_id}"' in html and "子ども食堂まとめ" in html


def test_the_service_page_offers_no_lists_to_anonymous_visitors(client, world):
    assert "fav-" not in client.get(world.service.url).content.decode()


def test_result_cards_offer_the_lists_to_a_worker(client, world, monkeypatch, settings):
    settings.SEARCH_BACKEND = "fake"
    install(monkeypatch, FakeBackend("fake", total=1), FakeBackend("database", total=0))
    _list(world, name="子ども食堂まとめ")
    login_verified(client, world.worker)

    html = client.get("/search/", {"q": "食料"}).content.decode()

    assert 'form="fav-00000000-0000-0000-0000-000000000001"' in html


def test_merging_a_duplicate_service_moves_it_on_the_lists(world):
    from referrals.services import referrals_service_reassign

    shared = _list(world)
    FavouriteItem.objects.create(favourite_list=shared, service=world.other_service)

    referrals_service_reassign(
        from_service=world.other_service, to_service=world.service, by=world.coordinator
    )

    assert list(shared.items.values_list("service", flat=True)) == [world.service.pk]


def test_merging_keeps_a_service_once_on_a_list_that_held_both(world):
    from referrals.services import referrals_service_reassign

    shared = _list(world)
    for service in (world.service, world.other_service):
        FavouriteItem.objects.create(favourite_list=shared, service=service)

    referrals_service_reassign(
        from_service=world.other_service, to_service=world.service, by=world.coordinator
    )

    assert list(shared.items.values_list("service", flat=True)) == [world.service.pk]
