"""Decision rules as data: conditions on facts, an effect, a reason and the exam tip behind it."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    field_validator,
    model_validator,
)

from studyapp.content.files import Problem
from studyapp.content.loader import compose_document, decode_text, validation_problems
from studyapp.content.models import Facts, ServiceId
from studyapp.content.validation import Facts as FactsModel
from studyapp.content.validation import SourceUrl, Text
from studyapp.decide.schema import prefer_schema, when_schema
from studyapp.errors import ContentError

FACT_NAMES = tuple(field.name for field in fields(Facts))

# A strict bool: in lax mode `runtime_minutes: 1` would be read as `true`.
Scalar = Annotated[bool, Strict()] | float | str
#: The comparisons that hold only for numbers.
NUMBER_OPERATORS = ("gt", "gte", "lt", "lte")


class Comparison(BaseModel):
    """A numeric or set test on one fact: `{gt: 15}`, `{in: [spiky, event-driven]}`."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    gt: float | None = Field(default=None, description="The fact is greater than this number.")
    gte: float | None = Field(default=None, description="The fact is this number or greater.")
    lt: float | None = Field(default=None, description="The fact is less than this number.")
    lte: float | None = Field(default=None, description="The fact is this number or less.")
    in_: list[Scalar] | None = Field(
        default=None, alias="in", description="The fact is one of these values."
    )

    @model_validator(mode="after")
    def _one_test(self) -> Comparison:
        if not self.model_fields_set:
            raise ValueError("a comparison needs one of gt, gte, lt, lte, in")
        return self

    def holds(self, value: Scalar | None) -> bool:
        if value is None:
            return False
        if self.in_ is not None and value not in self.in_:
            return False
        numeric = [self.gt, self.gte, self.lt, self.lte]
        if any(bound is not None for bound in numeric):
            if isinstance(value, bool) or not isinstance(value, int | float):
                return False
            if self.gt is not None and not value > self.gt:
                return False
            if self.gte is not None and not value >= self.gte:
                return False
            if self.lt is not None and not value < self.lt:
                return False
            if self.lte is not None and not value <= self.lte:
                return False
        return True


Condition = Annotated[Scalar | Comparison, Field(union_mode="left_to_right")]


class Effect(BaseModel):
    """What a rule does when it fires: rule services out, keep only some, or prefer some."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule_out: list[ServiceId] = Field(
        default=[], description="Services out of the running (never the last one left)."
    )
    only: list[ServiceId] = Field(
        default=[], description="Keep only these services; every other one is ruled out."
    )
    prefer: dict[ServiceId, int] = Field(
        default={},
        description="Points added to services; what is left is ranked by points.",
        json_schema_extra=prefer_schema,
    )

    @model_validator(mode="after")
    def _does_something(self) -> Effect:
        if not (self.rule_out or self.only or self.prefer):
            raise ValueError("an effect needs rule_out, only or prefer")
        return self


class Rule(BaseModel):
    """One piece of the exam's judgement, written so it explains itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")] = Field(
        description="The rule's name in a trace (lowercase words and hyphens), used once."
    )
    when: dict[str, Condition] = Field(
        min_length=1,
        description="The facts the rule needs, each a value to equal or a comparison; "
        "the rule fires when every one holds (an unstated fact holds none).",
        json_schema_extra=when_schema,
    )
    effect: Effect = Field(description="What the rule does when it fires.")
    because: Text = Field(description="One line on why, shown in the trace.")
    tip: Text = Field(description="The exam tip behind the rule, shown in the advisor.")
    source: SourceUrl = Field(description="The AWS documentation page the rule rests on.")

    @field_validator("when")
    @classmethod
    def _values_fit_their_facts(cls, when: dict[str, Condition]) -> dict[str, Condition]:
        for name, condition in when.items():
            problem = condition_problem(name, condition) if name in FACT_NAMES else None
            if problem is not None:
                raise ValueError(problem)
        return when

    @model_validator(mode="after")
    def _facts_exist(self) -> Rule:
        unknown = [name for name in self.when if name not in FACT_NAMES]
        if unknown:
            raise ValueError(f"unknown fact {unknown[0]!r} (facts: {', '.join(FACT_NAMES)})")
        return self

    def fires(self, facts: Facts) -> bool:
        """Whether every condition holds for these facts (an unstated fact holds none)."""
        for name, condition in self.when.items():
            value = effective_value(facts, name)
            if isinstance(condition, Comparison):
                if not condition.holds(value):
                    return False
            elif value != condition or isinstance(value, bool) != isinstance(condition, bool):
                return False
        return True


def condition_problem(name: str, condition: Scalar | Comparison) -> str | None:
    """Why a condition can never hold for this fact (a value it cannot take, or a number
    bound on a fact that is not a number), or None."""
    from studyapp.decide.facts import allowed_values

    takes = allowed_values(name)
    values: list[Scalar] = [condition] if not isinstance(condition, Comparison) else []
    if isinstance(condition, Comparison):
        bounds = [op for op in NUMBER_OPERATORS if getattr(condition, op) is not None]
        if bounds and not takes.startswith("a number"):
            return f"{name} is not a number, so {bounds[0]} never holds; {name} takes {takes}"
        if condition.in_ == []:
            return f"{name}: `in` lists no value, so it never holds"
        values = condition.in_ or []
    for value in values:
        try:
            FactsModel.model_validate({name: value}, strict=True)
        except ValidationError:
            return f"{name}: {value!r} is not allowed; {name} takes {takes}"
    return None


def effective_value(facts: Facts, name: str) -> Scalar | None:
    """A fact's value, with `need` defaulting to compute as the vocabulary says."""
    value: Any = getattr(facts, name)
    if name == "need" and value is None:
        return "compute"
    return value  # type: ignore[no-any-return]


class RuleBook(BaseModel):
    """The candidates, their tie-break order, and the rules in the order they apply."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    candidates: list[ServiceId] = Field(
        min_length=2,
        description="Every service an answer may be, in tie-break order (least to run "
        "yourself first).",
    )
    rules: list[Rule] = Field(min_length=1, description="The rules, in the order they apply.")

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleBook:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
        return self


def rules_path() -> Path:
    """The curated rules file beside the deck."""
    from studyapp.paths import builtin_content_dir

    return builtin_content_dir() / "decisions.yaml"


def parse_rules(path: Path) -> tuple[RuleBook | None, list[Problem]]:
    """Read a rules file, reporting problems as path:line:col like content files."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 1, 1, f"cannot read: {exc.strerror}")]
    text, problems = decode_text(name, raw)
    if text is None:
        return None, problems
    data, marks, problems = compose_document(name, text)
    if problems or data is None:
        return None, problems
    try:
        return RuleBook.model_validate(data), []
    except ValidationError as error:
        return None, validation_problems(name, marks, (), error)


def load_rules(path: Path | None = None) -> RuleBook:
    """The rule book, or ContentError listing what is wrong with it."""
    book, problems = parse_rules(path or rules_path())
    if book is None:
        raise ContentError("\n".join(str(p) for p in problems) or "no rules")
    return book


Kind = Literal["rule_out", "only", "prefer"]
