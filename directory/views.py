from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from directory import selectors
from directory.models import TaxonomyTerm


def category_detail(request: HttpRequest, code: str) -> HttpResponse:
    term = get_object_or_404(TaxonomyTerm, code=code)
    page = selectors.category_services(term=term, page_number=request.GET.get("page", 1))
    return render(request, "directory/category_detail.html", {"term": term, "page_obj": page})


def service_redirect(request: HttpRequest, hsds_id) -> HttpResponse:
    """Stable link by HSDS id (the id the APIs use) to the service's current page URL."""
    service = selectors.service_by_hsds_id(hsds_id=hsds_id)
    if service is None:
        raise Http404
    return redirect(service.url)
