"""The JSON Schema of the rules file (`content/decisions.yaml`), for editor completion.

The rule models keep `when` and `prefer` as mappings; their schemas are spelled out here
from the fact vocabulary and the service ids, so an editor completes each fact with its
values and operators, and each service a rule may prefer.
"""

from __future__ import annotations

from typing import Any


def rules_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that describes the rules file."""
    from studyapp.decide.rules import RuleBook

    schema = RuleBook.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "studyapp decision rules"
    return schema


def when_schema(schema: dict[str, Any]) -> None:
    """`when` as one property per fact: its values, or a comparison fitting its kind."""
    schema.pop("additionalProperties", None)
    schema["properties"] = {name: _condition(name, fact) for name, fact in _fact_schemas().items()}
    schema["additionalProperties"] = False


def prefer_schema(schema: dict[str, Any]) -> None:
    """`prefer` as one integer property per service, so an editor offers each id."""
    from studyapp.content.models import SERVICE_NAMES

    schema["properties"] = {
        service: {"type": "integer", "description": f"Points for {label}."}
        for service, label in SERVICE_NAMES.items()
    }
    schema["additionalProperties"] = False


def _fact_schemas() -> dict[str, dict[str, Any]]:
    """Each fact's own schema, as a scenario's `facts` takes it (never null)."""
    from studyapp.content.validation import Facts

    found: dict[str, dict[str, Any]] = {}
    for name, prop in Facts.model_json_schema()["properties"].items():
        [value] = [option for option in prop["anyOf"] if option.get("type") != "null"]
        found[name] = {"description": prop.get("description"), "value": value}
    return found


def _condition(name: str, fact: dict[str, Any]) -> dict[str, Any]:
    """A fact's condition: a value it must equal, or a comparison (`in` for any fact; `gt`,
    `gte`, `lt`, `lte` only for numbers)."""
    from studyapp.decide.facts import FACT_INFO, allowed_values
    from studyapp.decide.rules import NUMBER_OPERATORS, Comparison

    def described(operator: str) -> str | None:
        return Comparison.model_fields[operator].description

    value: dict[str, Any] = fact["value"]
    operators: dict[str, Any] = {
        "in": {"type": "array", "items": value, "minItems": 1, "description": described("in_")}
    }
    if value.get("type") == "number":
        operators |= {
            op: {"type": "number", "description": described(op)} for op in NUMBER_OPERATORS
        }
    comparison = {
        "type": "object",
        "properties": operators,
        "additionalProperties": False,
        "minProperties": 1,
    }
    takes = f"Takes {allowed_values(name)}; or a comparison: {', '.join(operators)}."
    meaning = fact["description"]
    return {
        "title": FACT_INFO[name].heading,
        "description": f"{meaning} {takes}" if meaning else takes,
        "anyOf": [value, comparison],
    }
