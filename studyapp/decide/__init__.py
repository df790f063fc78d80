"""The "which service fits?" engine: rules as data, applied to facts, with a trace of why."""

from studyapp.decide.engine import Decision, TraceStep, decide, explain, explain_pick
from studyapp.decide.facts import allowed_values, parse_facts
from studyapp.decide.rules import RuleBook, load_rules, parse_rules, rules_path

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
