"""The project's one JSON API (``/api/``) and its OpenAPI document (``/api/docs``).

Each app contributes a ninja ``Router``; later the HSDS API and referrals join the search one.
"""

from ninja import NinjaAPI

from search.api import router as search_router

api = NinjaAPI(
    title="つなぐ API",
    version="1",
    description="地域の支援（サービス）を探すための API です。",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/v1", search_router)
api.add_router("/hsds", "directory.hsds.api.router")
api.add_router("/v1/referrals", "referrals.api.router")
