"""Facts from `KEY=VALUE` words, with errors that list what is allowed, and how each fact
is named to a person (its label and unit)."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from studyapp.content.models import Facts
from studyapp.content.validation import Facts as FactsModel
from studyapp.content.validation import facts_to_runtime
from studyapp.errors import UsageError

TRUE_WORDS = {"true", "yes", "y", "1", "on"}
FALSE_WORDS = {"false", "no", "n", "0", "off"}


@dataclass(frozen=True)
class FactInfo:
    """How a fact is shown: its name in words, and the unit a number is in."""

    label: str
    unit: str | None = None

    @property
    def heading(self) -> str:
        """The label with its unit: `Memory (GB)`."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


#: Every fact of the vocabulary (`content.validation.Facts`), in its order.
FACT_INFO: dict[str, FactInfo] = {
    "need": FactInfo("Need"),
    "runtime_minutes": FactInfo("Runtime", "minutes"),
    "memory_gb": FactInfo("Memory", "GB"),
    "packaging": FactInfo("Packaging"),
    "workload": FactInfo("Workload"),
    "manage_servers": FactInfo("Manage servers"),
    "os_access": FactInfo("OS access"),
    "gpu": FactInfo("GPU"),
    "kubernetes": FactInfo("Kubernetes"),
    "on_premises": FactInfo("On premises"),
    "aws_only": FactInfo("AWS only"),
    "cost_priority": FactInfo("Cost priority"),
    "managed_platform": FactInfo("Managed platform"),
    "app_runner_customer": FactInfo("App Runner customer"),
    "api_management": FactInfo("API management"),
}


def fact_heading(name: str) -> str:
    """A fact as a person reads it: `Runtime (minutes)`."""
    return FACT_INFO[name].heading


def facts_usage() -> str:
    """One line on how facts are given, naming every fact."""
    return f"give facts as KEY=VALUE (e.g. runtime_minutes=40); facts: {', '.join(FACT_INFO)}"


def allowed_values(name: str) -> str:
    """What a fact accepts, in words: its choices, "true/false", or "a number"."""
    annotation = FactsModel.model_fields[name].annotation
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Literal:
            return ", ".join(typing.get_args(arg))
        if arg is bool:
            return "true, false"
        if arg is float:
            return "a number (0 or more)"
    return "a value"


def _convert(name: str, raw: str) -> Any:
    kind = allowed_values(name)
    if kind == "true, false":
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return raw


def validate_facts(values: dict[str, Any]) -> Facts:
    """Facts from already-typed values, checked against the vocabulary; a value not allowed
    raises a UsageError naming the fact and what it takes."""
    try:
        return facts_to_runtime(FactsModel.model_validate(values))
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0])
        raise UsageError(
            f"{name}={values.get(name)!r} is not allowed; {name} takes {allowed_values(name)}"
        ) from error


def parse_facts(pairs: Iterable[str]) -> Facts:
    """Facts from words like `runtime_minutes=40 packaging=container`."""
    values: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip().replace("-", "_")
        if not sep:
            raise UsageError(f"{pair!r}: write facts as KEY=VALUE, e.g. runtime_minutes=40")
        if name not in FactsModel.model_fields:
            names = ", ".join(FactsModel.model_fields)
            raise UsageError(f"unknown fact {name!r}; facts: {names}")
        values[name] = _convert(name, raw)
    return validate_facts(values)
