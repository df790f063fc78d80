"""Can the answer be guessed by its length? Option lengths of every question in content/.

Run: .venv/bin/python bench/answer_lengths.py [--all] [--margin 0.2] [PATH...]

For each single-answer question (`choose: 1`) it compares the length of the right option's
text with the longest wrong one, and flags the question when the right option is the
longest (`LONGEST`) and when it is longer than every wrong one by more than the margin
(`>20%`, the default margin); the summary also counts where it is the shortest, since
overcorrecting would make that a tell instead. For "choose TWO" questions it prints which positions, as
written, hold the right options, so clustering can be seen (the app shuffles options, but
the written order should not give anything away either). The summary at the end gives the
counts and percentages; issue 12 asks for "longest" in at most 35% of single-answer
questions and none by more than the margin.

Without PATH it reads content/*.yaml next to this folder. Prints flagged questions only,
unless --all. Not a test: exit status is 0 whatever it finds.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

CONTENT = Path(__file__).resolve().parent.parent / "content"


@dataclass(frozen=True)
class Row:
    """One question: where it is, its option lengths as written and which are right."""

    path: Path
    line: int
    qid: str
    choose: int
    lengths: tuple[int, ...]
    right: tuple[int, ...]

    @property
    def right_longest(self) -> bool:
        wrong = [n for i, n in enumerate(self.lengths) if i not in self.right]
        return bool(wrong) and max(self.lengths[i] for i in self.right) > max(wrong)

    @property
    def right_shortest(self) -> bool:
        wrong = [n for i, n in enumerate(self.lengths) if i not in self.right]
        return bool(wrong) and min(self.lengths[i] for i in self.right) < min(wrong)

    def ratio(self) -> float:
        """Longest right option over longest wrong option (1.0 when there is none wrong)."""
        wrong = [n for i, n in enumerate(self.lengths) if i not in self.right]
        return max(self.lengths[i] for i in self.right) / max(wrong) if wrong else 1.0


def _line_of(text: str, qid: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == f"- id: {qid}":
            return number
    return 0


def rows(paths: list[Path]) -> list[Row]:
    """Every question in these content files, in file order."""
    found: list[Row] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        if not isinstance(data, dict):
            continue
        for q in data.get("questions") or []:
            choices = q.get("choices") or []
            found.append(
                Row(
                    path=path,
                    line=_line_of(text, q["id"]),
                    qid=q["id"],
                    choose=int(q.get("choose", 1)),
                    lengths=tuple(len(str(c["text"]).strip()) for c in choices),
                    right=tuple(i for i, c in enumerate(choices) if c.get("correct")),
                )
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--all", action="store_true", help="print every question")
    parser.add_argument("--margin", type=float, default=0.2, help="flag longer by more (0.2)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(CONTENT.glob("*.yaml"))
    every = rows(paths)
    singles = [r for r in every if r.choose == 1]
    multis = [r for r in every if r.choose > 1]
    letters = "abcdefgh"

    for r in every:
        longest = r.right_longest
        over = longest and r.ratio() > 1 + args.margin
        if r.choose == 1 and not (longest or args.all):
            continue
        if r.choose > 1 and not args.all:
            continue
        flag = ">20%" if over else ("LONGEST" if longest else "")
        if args.margin != 0.2 and over:
            flag = f">{args.margin:.0%}"
        lens = " ".join(
            f"{letters[i]}={n}{'*' if i in r.right else ''}" for i, n in enumerate(r.lengths)
        )
        print(f"{r.path.name}:{r.line} {r.qid} [{flag or 'ok'}] x{r.ratio():.2f} {lens}")

    n = len(singles)
    longest_n = sum(r.right_longest for r in singles)
    over_n = sum(r.right_longest and r.ratio() > 1 + args.margin for r in singles)
    print()
    print(f"single-answer questions: {n}")
    if n:
        print(f"  right option is the longest: {longest_n} ({longest_n / n:.0%})")
        print(f"  longest by more than {args.margin:.0%}: {over_n} ({over_n / n:.0%})")
        shortest_n = sum(r.right_shortest for r in singles)
        print(f"  right option is the shortest: {shortest_n} ({shortest_n / n:.0%})")
    if multis:
        positions = Counter(letters[i] for r in multis for i in r.right)
        pairs = Counter("".join(letters[i] for i in r.right) for r in multis)
        multi_longest = sum(r.right_longest for r in multis)
        print(f"choose-N questions: {len(multis)}")
        print(
            "  right options by written position: "
            + " ".join(f"{k}={positions[k]}" for k in sorted(positions))
        )
        print("  right letter sets: " + " ".join(f"{k}={v}" for k, v in pairs.most_common()))
        multi_over = sum(r.right_longest and r.ratio() > 1 + args.margin for r in multis)
        print(
            f"  a right option is the longest: {multi_longest} ({multi_longest / len(multis):.0%})"
        )
        print(f"  longest by more than {args.margin:.0%}: {multi_over}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
