"""Template context every page gets from the project shell."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def map_tiles(request: HttpRequest) -> dict[str, Any]:
    """Where a map's tiles come from and their attribution (settings ``MAP_TILE_*``)."""
    return {
        "map_tiles": {
            "url": settings.MAP_TILE_URL,
            "attribution": settings.MAP_TILE_ATTRIBUTION,
            "max_zoom": settings.MAP_TILE_MAX_ZOOM,
        }
    }
