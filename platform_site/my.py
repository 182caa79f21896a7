"""「わたしの仕事」 (/my/): where staff land after signing in.

The project shell composes it from each app's selectors: referral counts from ``referrals``,
listings due for confirmation from ``directory.providers``, the remembered place and the saved
searches from ``search``, the agency's lists of favourite services from ``referrals.favourites``. Client names are read through ``referrals.access`` (logged).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from directory.providers import forms as provider_forms
from directory.providers import selectors as provider_selectors
from referrals import access, favourites
from referrals import selectors as referral_selectors
from search import saved

RECENT_CLIENTS = 5


@login_required
@require_GET
def my_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    is_worker = access.agency_ids_for(user).exists()
    is_provider = access.organization_ids_for(user).exists()
    context: dict = {"is_worker": is_worker, "is_provider": is_provider}
    if is_worker:
        context.update(
            worker=referral_selectors.worker_counts(user=user),
            recent_clients=access.client_choices_for(
                user=user, include=None, limit=RECENT_CLIENTS, purpose="worker.home.recent_clients"
            ),
            last_place=saved.last_place(session=request.session),
            saved_searches=list(saved.saved_searches_for(user=user)),
            favourite_lists=list(favourites.lists_for(user=user)),
            agencies=list(favourites.agencies_for(user=user).order_by("name", "pk")),
        )
    if is_provider:
        context.update(
            provider=referral_selectors.provider_counts(user=user),
            due=provider_selectors.listings_due_for_confirmation(user=user),
            services=provider_selectors.provider_services(user=user),
            availability_choices=provider_forms.AvailabilityForm().fields["availability"].choices,
        )
    return render(request, "platform_site/my.html", context)
