"""Calibrate readiness against simulated learners who follow other models than its own.

Run: .venv/bin/python bench/calibrate_readiness.py [--learners 100] [--exams 300] [--seed 2]

For each truth model in tests/readiness_sim.py (FSRS with a steeper curve and other initial
stabilities, exponential forgetting with its own half-lives, and two learners who guess
differently from the floor), simulated learners study the shipped deck for 3-40 days as
studyapp schedules it, readiness predicts an exam 0-30 days later, and that many simulated
exams are scored from the truth. Prints, per model, the share of exams whose score landed in
the predicted range, the mean |predicted pass chance - simulated pass rate| and the mean
|expected score - mean simulated score|. Not a test: nothing fails on a number.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studyapp.content import load_deck_or_raise
from studyapp.paths import builtin_content_dir
from tests.readiness_sim import TRUTH_MODELS, calibrate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--exams", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    deck = load_deck_or_raise([builtin_content_dir()])
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


if __name__ == "__main__":
    main()
