"""What the planner produces and the writer consumes: records holding our field values."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Planned:
    """One record to write: its HSDS id, our field values and its children."""

    hsds_id: uuid.UUID
    values: dict[str, Any]
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    links: dict[str, Any] = field(default_factory=dict)
    source: tuple[str, str] = ("", "")


@dataclass
class Plan:
    taxonomies: dict[uuid.UUID, Planned] = field(default_factory=dict)
    terms: dict[uuid.UUID, Planned] = field(default_factory=dict)
    organizations: dict[uuid.UUID, Planned] = field(default_factory=dict)
    locations: dict[uuid.UUID, Planned] = field(default_factory=dict)
    services: dict[uuid.UUID, Planned] = field(default_factory=dict)


def unless_name(description: Any, name: Any) -> str:
    """The export writes the name where a required description is empty; read it back empty."""
    text = str(description or "").strip()
    return "" if text == str(name or "").strip() else text


def object_uuid(obj: dict[str, Any]) -> uuid.UUID | None:
    """A child object's id, or None (the row then gets an id of its own)."""
    value = obj.get("id")
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None
