"""Exam-style flaws a valid deck can still have: answers that give themselves away by their
length or their written letters, stems asked twice, and scenarios written like the advisor's form;
notes whose Markdown does not show what was written (`markdown_lint.py`); and items still
holding a skeleton's placeholder text (`skeletons.py`).

Each check is a pure function over a `Deck` returning located findings (`Problem`s whose
message starts with the item id); `content check` shows them as warnings, `--strict` as
problems. The thresholds are module constants so the README and the tests can name them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from studyapp.content.deck import Deck
from studyapp.content.files import Problem
from studyapp.content.markdown_lint import TextPlace, markdown_findings
from studyapp.content.models import Facts, Question, Scenario
from studyapp.content.places import Locator
from studyapp.content.skeletons import skeleton_findings

#: A single-answer question is flagged when its right option is longer than the longest
#: wrong one by more than this share of it.
LONGER_BY = 0.20
#: ... and the deck when the right option is the longest in more than this share of its
#: single-answer questions (once it has at least `MIN_QUESTIONS_FOR_SHARE` of them).
LONGEST_SHARE = 0.35
MIN_QUESTIONS_FOR_SHARE = 10
#: A file's "choose N" questions are held to their written letters once it has this many.
MIN_CHOOSE_N_PER_FILE = 3
#: Two stems are near-duplicates when this share of their words (the union, common words
#: left out) is shared, and at least `MIN_SHARED_WORDS` words are (or the words are the same).
SIMILAR_STEMS = 0.38
MIN_SHARED_WORDS = 5
#: The word index holds each stem under at most this many of its rarest words.
INDEXED_WORDS = 8

Locate = Callable[..., tuple[str, int, int]]
LETTERS = "abcdefgh"


def lint_deck(deck: Deck, locate: Locate | None = None) -> list[Problem]:
    """Every finding of every check, in file and line order."""
    locator = locate or Locator()
    where = _bind(deck, locator)
    findings = [
        *long_right_options(deck, where),
        *longest_right_option_share(deck, where),
        *clustered_choose_n_letters(deck, where),
        *near_duplicate_stems(deck, where),
        *form_worded_scenarios(deck, where),
        *skeleton_findings(deck, where),
        *markdown_findings(deck, _in_body(deck, locator)),
    ]
    return sorted(findings)


def _in_body(deck: Deck, locate: Locate) -> TextPlace:
    """Where a line and column of a note's body are; a `Locator` knows each line's place,
    any other `locate` the body's."""
    if isinstance(locate, Locator):
        return lambda note_id, line, column: locate.in_text(deck, note_id, "body", line, column)
    return lambda note_id, _line, _column: locate(deck, note_id, "body")


_Where = Callable[..., tuple[str, int, int]]


def _bind(deck: Deck, locate: Locate) -> _Where:
    return lambda item_id, *keys: locate(deck, item_id, *keys)


def _single_answer(deck: Deck) -> Iterable[Question]:
    for item in deck.items.values():
        if isinstance(item, Question) and item.choose == 1:
            yield item


# 1. the right option the longest ----------------------------------------------------------------


def _lengths(question: Question) -> tuple[int, int, int]:
    """The index and length of the (first) right option, and the longest wrong option's length."""
    right = next(i for i, choice in enumerate(question.choices) if choice.correct)
    wrong = [len(c.text.strip()) for c in question.choices if not c.correct]
    return right, len(question.choices[right].text.strip()), max(wrong, default=0)


def long_right_options(deck: Deck, where: _Where) -> list[Problem]:
    """Single-answer questions whose right option outruns every wrong one by over `LONGER_BY`."""
    findings = []
    for question in _single_answer(deck):
        right, right_length, longest_wrong = _lengths(question)
        if longest_wrong and right_length > longest_wrong * (1 + LONGER_BY):
            excess = right_length / longest_wrong - 1
            message = (
                f"{question.id}: the right option is {excess:.0%} longer than the longest wrong "
                f"one ({right_length} against {longest_wrong} characters; at most "
                f"{LONGER_BY:.0%}): the longest option is a known guess, so shorten it or "
                "lengthen a wrong one"
            )
            findings.append(Problem(*where(question.id, "choices", right, "text"), message))
    return findings


def longest_right_option_share(deck: Deck, where: _Where) -> list[Problem]:
    """One finding when the right option is the longest in over `LONGEST_SHARE` of the deck's
    single-answer questions, located at the first of them."""
    questions = list(_single_answer(deck))
    longest = [q for q in questions if _lengths(q)[1] > _lengths(q)[2]]
    if len(questions) < MIN_QUESTIONS_FOR_SHARE or len(longest) <= LONGEST_SHARE * len(questions):
        return []
    first = longest[0]
    message = (
        f"{first.id}: the right option is the longest in {len(longest)} of the "
        f"{len(questions)} single-answer questions checked "
        f"({len(longest) / len(questions):.0%}; at most {LONGEST_SHARE:.0%}), so "
        "'pick the longest' beats chance; this is the first of them"
    )
    return [Problem(*where(first.id, "prompt"), message)]


# 2. "choose N" letters that cluster -------------------------------------------------------------


def clustered_choose_n_letters(deck: Deck, where: _Where) -> list[Problem]:
    """Per file with `MIN_CHOOSE_N_PER_FILE` or more "choose N" questions: the same letters right
    in more than a third of them, or the right options side by side in every one."""
    by_file: dict[str, list[Question]] = defaultdict(list)
    for item_id, item in deck.items.items():
        if isinstance(item, Question) and item.choose > 1:
            by_file[deck.origin_of[item_id].path].append(item)
    findings = []
    for questions in by_file.values():
        if len(questions) >= MIN_CHOOSE_N_PER_FILE:
            findings += _repeated_letters(questions, where) or _always_adjacent(questions, where)
    return findings


def _right_letters(question: Question) -> str:
    return "".join(LETTERS[i] for i, choice in enumerate(question.choices) if choice.correct)


def _repeated_letters(questions: list[Question], where: _Where) -> list[Problem]:
    letters, count = Counter(map(_right_letters, questions)).most_common(1)[0]
    if count < 2 or count * 3 <= len(questions):
        return []
    first = next(q for q in questions if _right_letters(q) == letters)
    message = (
        f"{first.id}: the right options are written as {' and '.join(letters)} in {count} of "
        f"this file's {len(questions)} 'choose N' questions (more than a third): whoever sees "
        "them in written order (an export, a print) learns the letters, not the service; "
        "vary which options are right"
    )
    return [Problem(*where(first.id, "choices"), message)]


def _always_adjacent(questions: list[Question], where: _Where) -> list[Problem]:
    def adjacent(question: Question) -> bool:
        right = [i for i, choice in enumerate(question.choices) if choice.correct]
        return right[-1] - right[0] == len(right) - 1

    if not all(map(adjacent, questions)):
        return []
    first = questions[0]
    message = (
        f"{first.id}: the right options sit next to each other in all {len(questions)} "
        "'choose N' questions of this file: whoever sees them in written order (an export, a "
        "print) can pick neighbours; separate them in some"
    )
    return [Problem(*where(first.id, "choices"), message)]


# 3. near-duplicate stems ------------------------------------------------------------------------

#: Words every stem has; left out so that similarity is about what the stems say.
_COMMON_WORDS = """a an the and or but of to in on at by for from with without into as is are was were be
    been being it its this that these those which who what when where while than then there
    their they them we you your our each every any all some no not nor does do did has have
    had will would can could should must may might so such only also just about per after
    before more most less least very one two company team wants want needs need requirement
    requirements meets meet solution solutions developer architect choose option approach"""
COMMON_WORDS = frozenset(_COMMON_WORDS.split())
_WORD = re.compile(r"[a-z0-9]+(?:['.-][a-z0-9]+)*")


def stem_words(text: str) -> frozenset[str]:
    """The words of a stem, lowercased, common words left out and a plural `s` dropped."""
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in COMMON_WORDS:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return frozenset(words)


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """Jaccard similarity: shared words over all words of the two."""
    union = len(first | second)
    return len(first & second) / union if union else 1.0


@dataclass(frozen=True)
class _Stem:
    order: int
    item_id: str
    key: str
    words: frozenset[str]


def _stems(deck: Deck) -> list[_Stem]:
    stems = []
    for order, item in enumerate(deck.items.values()):
        if isinstance(item, Question):
            stems.append(_Stem(order, item.id, "prompt", stem_words(item.prompt)))
        elif isinstance(item, Scenario):
            stems.append(_Stem(order, item.id, "situation", stem_words(item.situation)))
    return [stem for stem in stems if stem.words]


def similar_stem_pairs(stems: list[_Stem]) -> Iterable[tuple[_Stem, _Stem, float]]:
    """The pairs at or over `SIMILAR_STEMS`, found through a word index (prefix filtering).

    With words ranked rarest first, two sets this similar share a word among the first
    `len - ceil(SIMILAR_STEMS * len) + 1` of each, so only stems sharing such a word are
    compared. At most `INDEXED_WORDS` of them are indexed, which keeps a 20,000-item deck to
    seconds: exact for stems of up to 12 words; on longer ones a pair sharing none of its
    rarest words is missed (bench/lint_scale.py counts how often)."""
    frequency = Counter(word for stem in stems for word in stem.words)
    index: dict[str, list[_Stem]] = defaultdict(list)
    for stem in sorted(stems, key=lambda s: len(s.words)):
        ranked = sorted(stem.words, key=lambda word: (frequency[word], word))
        exact = len(ranked) - math.ceil(SIMILAR_STEMS * len(ranked) - 1e-9) + 1
        prefix = ranked[: min(INDEXED_WORDS, exact)]
        smallest = SIMILAR_STEMS * len(ranked) - 1e-9
        candidates = {id(other): other for word in prefix for other in index[word]}
        for other in candidates.values():
            if len(other.words) >= smallest:
                score = similarity(stem.words, other.words)
                shared = len(stem.words & other.words)
                if score >= SIMILAR_STEMS and (shared >= MIN_SHARED_WORDS or score == 1.0):
                    yield stem, other, score
        for word in prefix:
            index[word].append(stem)


def near_duplicate_stems(deck: Deck, where: _Where) -> list[Problem]:
    """Each question or scenario whose stem nearly repeats an earlier one's, at the later one,
    naming the closest earlier one."""
    closest: dict[str, tuple[float, _Stem, _Stem]] = {}
    for first, second, score in similar_stem_pairs(_stems(deck)):
        earlier, later = sorted((first, second), key=lambda stem: stem.order)
        if later.item_id not in closest or score > closest[later.item_id][0]:
            closest[later.item_id] = (score, earlier, later)
    findings = []
    for score, earlier, later in sorted(closest.values(), key=lambda found: found[2].order):
        path, line, _column = where(earlier.item_id, earlier.key)
        message = (
            f"{later.item_id}: {later.key} nearly repeats {earlier.item_id}'s ({path}:{line}), "
            f"{score:.0%} of their words shared ({SIMILAR_STEMS:.0%} or more counts): the stem "
            "recalls the answer without reasoning; make them ask different things or remove one"
        )
        findings.append(Problem(*where(later.item_id, later.key), message))
    return findings


# 4. scenarios written like the advisor's form ---------------------------------------------------

_FACT_NAMES = tuple(f.name for f in fields(Facts))
_FACT_VALUES = r"true|false|yes|no|[0-9]|function|container|machine|steady|spiky|scheduled"
#: What reads as the advisor's form rather than a situation, by the fact it restates: a
#: negated checklist entry ("needs no GPU", "no access to the host operating system", "no
#: Kubernetes platform"), a fact's key (`runtime_minutes`, `gpu: false`) or a coined value.
FORM_WORDS: tuple[tuple[str, str], ...] = (
    ("gpu", r"\b(?:needs?|requires?|uses?) no GPUs?\b"),
    ("os_access", r"\bno (?:GPU (?:or|and) )?(?:host|OS|operating[- ]system) access\b"),
    ("os_access", r"\bno access to the (?:host|operating system)\b"),
    ("kubernetes", r"\bno Kubernetes (?:platform|requirement)s?\b"),
    ("cost_priority", r"\blowest-steady-cost\b"),
    ("need", r"\bserverless-deploy\b"),
    *((name, rf"\b{name}\b") for name in _FACT_NAMES if "_" in name),
    *((name, rf"\b{name}\s*[:=]\s*(?:{_FACT_VALUES})\b") for name in _FACT_NAMES),
)
_FORM_PATTERNS = tuple((fact, re.compile(words, re.IGNORECASE)) for fact, words in FORM_WORDS)


def form_words_in(situation: str) -> list[tuple[str, str]]:
    """Each (fact, words) of `situation` that restates a fact in the form's words, once per fact."""
    text = " ".join(situation.split())
    found: dict[str, str] = {}
    for fact, pattern in _FORM_PATTERNS:
        match = pattern.search(text)
        if match and fact not in found:
            found[fact] = match.group(0)
    return list(found.items())


def form_worded_scenarios(deck: Deck, where: _Where) -> list[Problem]:
    """Scenarios whose situation lists facts the way the advisor's form asks for them."""
    findings = []
    for item in deck.items.values():
        if not isinstance(item, Scenario):
            continue
        found = form_words_in(item.situation)
        if found:
            quoted = ", ".join(f"{fact} ('{words}')" for fact, words in found)
            message = (
                f"{item.id}: the situation restates facts in the advisor's form words: {quoted}; "
                "tell them as part of the story, or leave out what nobody in this situation "
                "would mention"
            )
            findings.append(Problem(*where(item.id, "situation"), message))
    return findings
