"""Apply the rule book to a set of facts: the answer, the ranking, and the trace of why."""

from __future__ import annotations

from dataclasses import dataclass, field

from studyapp.content.models import SERVICE_NAMES, Facts
from studyapp.decide.rules import Rule, RuleBook
from studyapp.text import plural


@dataclass(frozen=True)
class TraceStep:
    """One rule that fired and what it did to the candidates."""

    rule: str
    effect: str
    because: str
    tip: str
    ruled_out: tuple[str, ...] = ()
    preferred: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Decision:
    """The engine's verdict: the best service, every candidate in order, and the trace."""

    answer: str
    ranking: tuple[str, ...]
    ruled_out: tuple[str, ...]
    scores: dict[str, int]
    trace: tuple[TraceStep, ...]

    def why_not(self, service: str) -> list[TraceStep]:
        """The steps that ruled `service` out or preferred others over it."""
        return [step for step in self.trace if service in step.ruled_out] or [
            step for step in self.trace if step.preferred and service not in dict(step.preferred)
        ]

    def ruled_out_by(self, service: str) -> str | None:
        """The rule that took `service` out of the running, or None if it is still in it."""
        return next((step.rule for step in self.trace if service in step.ruled_out), None)

    def as_json(self) -> dict[str, object]:
        """The answer; every candidate in order, each saying whether a rule ruled it out and
        which; the ruled-out ids again on their own; and the trace."""
        ranking = [
            {
                "service": service,
                "ruled_out": service in self.ruled_out,
                "ruled_out_by": self.ruled_out_by(service),
            }
            for service in self.ranking
        ]
        return {
            "answer": self.answer,
            "ranking": ranking,
            "ruled_out": list(self.ruled_out),
            "trace": [
                {"rule": step.rule, "effect": step.effect, "because": step.because}
                for step in self.trace
            ],
        }


@dataclass
class _Tally:
    remaining: list[str]
    scores: dict[str, int]
    out_order: list[str] = field(default_factory=list)
    #: How many fired rules spoke against each service, even where it was already out or
    #: the rule was ignored; orders the ruled-out tail of the ranking by how badly each fits.
    strikes: dict[str, int] = field(default_factory=dict)


def _rule_out(tally: _Tally, services: list[str]) -> tuple[str, ...] | None:
    """Remove services still in the running; None if that would leave no candidate."""
    for service in services:
        tally.strikes[service] = tally.strikes.get(service, 0) + 1
    hit = tuple(s for s in tally.remaining if s in services)
    if hit and len(hit) == len(tally.remaining):
        return None
    tally.remaining = [s for s in tally.remaining if s not in hit]
    tally.out_order.extend(hit)
    return hit


def _apply(rule: Rule, tally: _Tally) -> TraceStep | None:
    effect = rule.effect
    removed: list[str] = []
    words: list[str] = []
    if effect.only:
        others = [s for s in tally.scores if s not in effect.only]
        hit = _rule_out(tally, others)
        if hit is None:
            words.append("would leave no candidate; ignored")
        elif hit:
            removed.extend(hit)
            words.append("only " + ", ".join(effect.only) + " fits")
    if effect.rule_out:
        hit = _rule_out(tally, list(effect.rule_out))
        if hit is None:
            words.append("would rule out every candidate left; ignored")
        elif hit:
            removed.extend(hit)
            words.append("rules out " + ", ".join(hit))
    preferred = tuple((s, n) for s, n in effect.prefer.items())
    for service, points in preferred:
        tally.scores[service] = tally.scores.get(service, 0) + points
    live = [f"{s} +{n}" for s, n in preferred if s in tally.remaining]
    if live:
        words.append("prefers " + ", ".join(live))
    if not words:
        return None  # fired, but changed nothing that is still in the running
    return TraceStep(
        rule=rule.id,
        effect="; ".join(words),
        because=rule.because,
        tip=rule.tip,
        ruled_out=tuple(removed),
        preferred=preferred,
    )


def decide(facts: Facts, book: RuleBook) -> Decision:
    """Apply every rule in order; rank what remains by preference, then by the book's order."""
    tally = _Tally(remaining=list(book.candidates), scores={s: 0 for s in book.candidates})
    trace = []
    for rule in book.rules:
        if rule.fires(facts):
            step = _apply(rule, tally)
            if step is not None:
                trace.append(step)
    order: dict[str, int] = {service: index for index, service in enumerate(book.candidates)}

    def rank(service: str) -> tuple[int, int, int]:
        return (tally.strikes.get(service, 0), -tally.scores[service], order[service])

    ranking = sorted(tally.remaining, key=rank)
    ruled_out = sorted(tally.out_order, key=rank)
    return Decision(
        answer=ranking[0],
        ranking=tuple(ranking + ruled_out),
        ruled_out=tuple(ruled_out),
        scores=dict(tally.scores),
        trace=tuple(trace),
    )


def explain(decision: Decision) -> list[str]:
    """The decision as lines a learner reads."""
    lines = [f"Answer: {SERVICE_NAMES[decision.answer]} ({decision.answer})"]
    for number, step in enumerate(decision.trace, start=1):
        lines.append(f"{number}. {step.rule}: {step.effect}. {step.because}")
    live = [s for s in decision.ranking if s not in decision.ruled_out]
    lines.append("Ranking: " + " > ".join(live))
    lines += ruled_out_lines(decision)
    return lines


def ruled_out_lines(decision: Decision) -> list[str]:
    """`Ruled out by RULE: a, b`, one line per rule that ruled services out, in ranking order."""
    by_rule: dict[str, list[str]] = {}
    for service in decision.ruled_out:
        by_rule.setdefault(decision.ruled_out_by(service) or "?", []).append(service)
    return [f"Ruled out by {rule}: {', '.join(services)}" for rule, services in by_rule.items()]


def explain_pick(decision: Decision, picked: str) -> list[str]:
    """Why the learner's pick lost (ruled out, or outranked), then the whole trace."""
    lines = []
    if picked != decision.answer:
        name = SERVICE_NAMES.get(picked, picked)
        against = [step for step in decision.trace if picked in step.ruled_out]
        if against:
            lines += [f"Why not {name}: {step.because}" for step in against]
        else:
            mine, best = decision.scores.get(picked, 0), decision.scores[decision.answer]
            lines.append(
                f"Why not {name}: nothing rules it out, but the facts favour "
                f"{SERVICE_NAMES[decision.answer]} ({plural(best, 'point')} to {mine})."
            )
    lines.append("How the rules decide:")
    lines += [f"{n}. {step.rule}: {step.effect}" for n, step in enumerate(decision.trace, 1)]
    return lines
