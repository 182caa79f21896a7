"""Validation against the HSDS 3.0 JSON schemas, offline.

The schema files (``schema/``, copied from the Open Referral specification, CC BY-SA 4.0) refer
to each other by relative names (``"$ref": "organization.json"``) and the API reference refers to
``https://raw.githubusercontent.com/openreferral/specification/3.0/schema/...``; every such URI
is answered from the local files by a ``referencing.Registry``, so nothing is ever fetched.
The big "compiled" schemas are not shipped: ``compiled/service.json`` is ``service.json`` with its
references inlined, so a one-line wrapper that refers to it is the same schema.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
BASE_URI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI_URI = BASE_URI + "openapi.json"

# compiled/<name>.json as a reference to the individual files (see the module docstring).
_COMPILED_WRAPPERS: dict[str, dict[str, Any]] = {
    "service.json": {"$ref": "../service.json"},
    "service_at_location.json": {
        "allOf": [{"$ref": "../service_at_location.json"}],
        "properties": {"service": {"$ref": "../service.json"}},
    },
    "organization.json": {
        "allOf": [{"$ref": "../organization.json"}],
        "properties": {"services": {"type": "array", "items": {"$ref": "../service.json"}}},
    },
}

# Which schema each kind of HSDS object is checked against.
SCHEMAS = {
    "service": "compiled/service.json",
    "organization": "compiled/organization.json",
    "service_list": "compiled/service_list.json",
    "organization_list": "compiled/organization_list.json",
    "service_at_location_list": "compiled/service_at_location_list.json",
}


@dataclass(frozen=True)
class SchemaError:
    """One violation: where (JSON pointer), which field, which rule, and the rule's details."""

    pointer: str
    field: str
    rule: str  # the JSON Schema keyword: required, type, enum, format ...
    params: dict[str, Any] = field(default_factory=dict)
    message: str = ""  # jsonschema's own English text, for logs


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def registry() -> Registry:
    resources: list[tuple[str, Resource]] = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        resources.append((BASE_URI + path.name, DRAFT202012.create_resource(_load(path))))
    for path in sorted((SCHEMA_DIR / "compiled").glob("*.json")):
        resources.append(
            (BASE_URI + "compiled/" + path.name, DRAFT202012.create_resource(_load(path)))
        )
    for name, contents in _COMPILED_WRAPPERS.items():
        resources.append((BASE_URI + "compiled/" + name, DRAFT202012.create_resource(contents)))
    return Registry().with_resources(resources)


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path)) and not any(
        c.isspace() for c in value
    )


def _is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    local, at, domain = value.partition("@")
    return bool(local and at and domain) and not any(c.isspace() for c in value)


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def format_checker(*, strict: bool = True) -> FormatChecker:
    """UUIDs are always checked (ids link records); ``strict`` adds uri, email and dates.

    Imports run with ``strict=False``: a malformed web address is a warning there, not a reason
    to reject a municipality's whole file.
    """
    checker = FormatChecker(formats=())
    checker.checks("uuid")(_is_uuid)
    if strict:
        checker.checks("uri")(_is_uri)
        checker.checks("email")(_is_email)
        checker.checks("date-time")(_is_datetime)
        checker.checks("date")(_is_date)
    return checker


@cache
def _validator(uri: str, strict: bool) -> Draft202012Validator:
    schema = {"$ref": uri}
    return Draft202012Validator(
        schema, registry=registry(), format_checker=format_checker(strict=strict)
    )


def schema_uri(kind: str) -> str:
    """The URI of the schema for an HSDS object kind (``service``) or a file (``phone.json``)."""
    name = SCHEMAS.get(kind, kind if kind.endswith(".json") else f"{kind}.json")
    return BASE_URI + name


def _pointer(path: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The innermost errors: "allOf failed" is useless to a reader, its causes are not."""
    if error.context:
        for child in error.context:
            yield from _leaves(child)
    else:
        yield error


def _as_schema_error(error: ValidationError, *, prefix: str) -> SchemaError:
    path = list(error.absolute_path)
    field_name = str(path[-1]) if path and isinstance(path[-1], str) else ""
    params: dict[str, Any] = {}
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        params["missing"] = missing
        field_name = missing
        path = [*path, missing]
    elif error.validator == "type":
        params["expected"] = error.validator_value
        params["value"] = error.instance
    elif error.validator == "enum":
        params["allowed"] = list(error.validator_value)
        params["value"] = error.instance
    elif error.validator == "format":
        params["format"] = error.validator_value
        params["value"] = error.instance
    else:
        params["value"] = error.instance
    return SchemaError(
        pointer=prefix + _pointer(path),
        field=field_name,
        rule=str(error.validator),
        params=params,
        message=error.message,
    )


def schema_errors(
    instance: Any, *, kind: str, strict: bool = True, pointer: str = ""
) -> list[SchemaError]:
    """Every schema violation of ``instance`` (empty when valid), in document order."""
    validator = _validator(schema_uri(kind), strict)
    errors = [
        _as_schema_error(leaf, prefix=pointer)
        for error in validator.iter_errors(instance)
        for leaf in _leaves(error)
    ]
    return sorted(errors, key=lambda e: e.pointer)


def response_errors(instance: Any, *, path: str, status: int = 200) -> list[SchemaError]:
    """Violations of the HSDS API reference (openapi.json) by a response body for ``path``.

    ``path`` is the template as the reference writes it, e.g. ``/services/{id}``.
    """
    escaped = path.replace("~", "~0").replace("/", "~1")
    uri = f"{OPENAPI_URI}#/paths/{escaped}/get/responses/{status}/content/application~1json/schema"
    validator = _validator(uri, True)
    return [
        _as_schema_error(leaf, prefix="")
        for error in validator.iter_errors(instance)
        for leaf in _leaves(error)
    ]


def is_valid(instance: Any, *, kind: str) -> bool:
    return not schema_errors(instance, kind=kind)
