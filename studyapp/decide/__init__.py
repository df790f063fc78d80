"""The "which service fits?" engine: rules as data, applied to facts, with a trace of why.

Names are imported on first use: a session start served from the deck cache imports
`studyapp.decide.check` without pydantic or YAML.
"""

from typing import TYPE_CHECKING

from studyapp.lazy import lazy_attributes

if TYPE_CHECKING:
    from studyapp.decide.engine import Decision, TraceStep, decide, explain, explain_pick
    from studyapp.decide.facts import allowed_values, parse_facts
    from studyapp.decide.rules import RuleBook, load_rules, parse_rules, rules_path

_LAZY = {
    "Decision": "studyapp.decide.engine",
    "TraceStep": "studyapp.decide.engine",
    "decide": "studyapp.decide.engine",
    "explain": "studyapp.decide.engine",
    "explain_pick": "studyapp.decide.engine",
    "allowed_values": "studyapp.decide.facts",
    "parse_facts": "studyapp.decide.facts",
    "RuleBook": "studyapp.decide.rules",
    "load_rules": "studyapp.decide.rules",
    "parse_rules": "studyapp.decide.rules",
    "rules_path": "studyapp.decide.rules",
}

__getattr__ = lazy_attributes(__name__, _LAZY)

__all__ = [
    "Decision",
    "RuleBook",
    "TraceStep",
    "allowed_values",
    "decide",
    "explain",
    "explain_pick",
    "load_rules",
    "parse_facts",
    "parse_rules",
    "rules_path",
]
