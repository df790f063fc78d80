"""How long `content check`'s lint takes: on the shipped deck, and on a large synthetic deck.

Run: .venv/bin/python bench/lint_scale.py [--items 20000] [--seed 7] [--repeat 5]

The synthetic deck holds single-answer questions whose prompts are 15-60 words drawn from a
Zipf-skewed vocabulary of 30,000 words (a few words are in almost every prompt, most in few),
and one prompt in ten is a reworded copy of an earlier one (up to a third of its words
swapped), so the near-duplicate check has real pairs to find. The word index holds only each
stem's rarest words, so on long stems it can miss a pair: `--recall-items` stems are also
compared pair by pair, and the share of those pairs the index found is printed. Findings are located by a stand-in (the
deck is built in memory, with no file to read marks from). Prints medians; figures go in the
README's "Speed" section.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from studyapp.content import Choice, Deck, Origin, Problem, Question, load_deck
from studyapp.content.lint import (
    MIN_SHARED_WORDS,
    SIMILAR_STEMS,
    _stems,
    lint_deck,
    similar_stem_pairs,
    similarity,
)

CONTENT = Path(__file__).resolve().parent.parent / "content"
SOURCE = "https://docs.aws.amazon.com/a"
VOCABULARY = 30_000


def synthetic_prompts(count: int, rng: random.Random) -> list[str]:
    """`count` prompts; one in ten a reworded copy of an earlier one."""
    vocabulary = [f"word{n}" for n in range(VOCABULARY)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    prompts: list[str] = []
    for _ in range(count):
        if prompts and rng.random() < 0.1:
            words = rng.choice(prompts).split()
            for _swap in range(rng.randint(0, len(words) // 3)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
        else:
            words = rng.choices(vocabulary, weights, k=rng.randint(15, 60))
        prompts.append(" ".join(words))
    return prompts


def synthetic_deck(count: int, rng: random.Random) -> Deck:
    items: dict[str, Question] = {}
    for n, prompt in enumerate(synthetic_prompts(count, rng)):
        right = rng.randrange(4)
        choices = tuple(
            Choice("option " + "x" * rng.randint(10, 40), index == right, "W.")
            for index in range(4)
        )
        items[f"q{n}"] = Question(f"q{n}", prompt, 1, choices, SOURCE)
    origin = {item_id: Origin(f"deck-{n % 20}.yaml", 1) for n, item_id in enumerate(items)}
    return Deck(items=dict(items), origin_of=origin, topic_of=dict.fromkeys(items, "t"))


def median_ms(run: Callable[[], list[Problem]], repeat: int) -> tuple[float, list[Problem]]:
    times, result = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--recall-items", type=int, default=3000)
    args = parser.parse_args(argv)

    shipped, _problems = load_deck([CONTENT])
    ms, findings = median_ms(lambda: lint_deck(shipped), args.repeat)
    print(f"shipped deck ({len(shipped.items)} items): {ms:.0f} ms, {len(findings)} finding(s)")

    deck = synthetic_deck(args.items, random.Random(args.seed))
    ms, findings = median_ms(
        lambda: lint_deck(deck, locate=lambda _deck, item_id, *keys: ("deck.yaml", 1, 1)),
        args.repeat,
    )
    near = sum("nearly repeats" in f.message for f in findings)
    print(
        f"synthetic deck ({args.items} items): {ms:.0f} ms, "
        f"{len(findings)} finding(s), {near} near-duplicate stem(s)"
    )
    print(f"near-duplicate pairs the index finds, of {args.recall_items} stems: {recall(args):.1%}")
    return 0


def recall(args: argparse.Namespace) -> float:
    """The share of the pairs a pair-by-pair comparison finds that the word index finds too."""
    stems = _stems(synthetic_deck(args.recall_items, random.Random(args.seed)))
    found = {frozenset((a.item_id, b.item_id)) for a, b, _ in similar_stem_pairs(stems)}
    every = set()
    for n, first in enumerate(stems):
        for second in stems[n + 1 :]:
            shared = len(first.words & second.words)
            if similarity(first.words, second.words) >= SIMILAR_STEMS and (
                shared >= MIN_SHARED_WORDS or first.words == second.words
            ):
                every.add(frozenset((first.item_id, second.item_id)))
    return len(found & every) / len(every) if every else 1.0


if __name__ == "__main__":
    sys.exit(main())
