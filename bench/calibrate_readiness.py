"""Calibrate readiness against simulated learners who follow other models than its own.

Run: .venv/bin/python bench/calibrate_readiness.py [--learners 100] [--exams 300] [--seed 2]

For each truth model in tests/readiness_sim.py (FSRS with a steeper curve and other initial
stabilities, exponential forgetting with its own half-lives, and two learners who guess
differently from the floor), simulated learners study the shipped deck for 3-40 days as
studyapp schedules it, readiness predicts an exam 0-30 days later, and that many simulated
exams are scored from the truth. Prints, per model, the share of exams whose score landed in
the predicted range, the mean |predicted pass chance - simulated pass rate| and the mean
|expected score - mean simulated score|. With `--guide dva-c02`, the learners are also
stronger in some of the guide's domains than others, and it prints per model the share of
domain results (each domain's questions of a guide exam) in their predicted ranges against
the share the ranges state, the guide exam's coverage, and the mean |expected domain share -
the truth's|. Not a test: nothing fails on a number.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studyapp.content import Deck, load_deck_or_raise
from studyapp.paths import builtin_content_dir
from studyapp.stats import exam_guide
from tests.readiness_sim import TRUTH_MODELS, calibrate, calibrate_by_domain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--exams", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--guide", help="calibrate per domain of this exam guide instead")
    args = parser.parse_args()
    deck = load_deck_or_raise([builtin_content_dir()])
    if args.guide:
        by_domain(deck, args)
        return
    print(f"learners={args.learners} exams={args.exams} seed={args.seed}\n")
    print("| truth model | exams in range | mean pass-chance error | mean score error |")
    print("| --- | --- | --- | --- |")
    for model in TRUTH_MODELS:
        began = time.perf_counter()
        result = calibrate(deck, model, args.learners, args.exams, args.seed)
        print(
            f"| {model} | {result.coverage:.1%} | {result.mean_pass_error:.3f} | "
            f"{result.mean_score_error:.0f} points |",
            flush=True,
        )
        print(f"  ({time.perf_counter() - began:.0f} s)", file=sys.stderr)


def by_domain(deck: Deck, args: argparse.Namespace) -> None:
    guide = exam_guide(args.guide)
    print(f"guide={guide.id} learners={args.learners} exams={args.exams} seed={args.seed}\n")
    print("| truth model | domain results in range | stated | guide exams in range | share error |")
    print("| --- | --- | --- | --- | --- |")
    for model in TRUTH_MODELS:
        r = calibrate_by_domain(deck, guide, model, args.learners, args.exams, args.seed)
        print(
            f"| {model} | {r.domain_coverage:.1%} | {r.stated_domain_coverage:.1%} | "
            f"{r.coverage:.1%} | {r.mean_share_error:.3f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
