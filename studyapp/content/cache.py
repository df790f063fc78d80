"""A cache of the validated deck, so start-up skips YAML parsing and validation.

Keyed by studyapp's version and every content file's path, size and modification time:
editing, adding or removing a file makes a new key. A missing, stale or unreadable cache
is simply rebuilt; the cache never changes what loads, only how fast.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from studyapp import __version__
from studyapp.content.deck import Deck
from studyapp.content.files import RULE_FILES, Problem, content_files

CACHE_FORMAT = 5

#: What turns content paths into a deck and its problems (the default: `load_deck`).
Validate = Callable[[Sequence[Path]], tuple[Deck, list[Problem]]]


def cache_key(paths: Sequence[Path], validate: Validate | None = None) -> str:
    """A digest of everything the loaded deck depends on (decision rules beside it included)."""
    files, missing = content_files(paths)
    files += [p / name for p in paths if p.is_dir() for name in RULE_FILES if (p / name).is_file()]
    how = "" if validate is None else f"{validate.__module__}.{validate.__qualname__}"
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{sys.version}|{how}".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    for problem in missing:
        digest.update(f"missing|{problem.path}\n".encode())
    return digest.hexdigest()[:32]


def load_deck_cached(
    paths: Sequence[Path], cache_dir: Path | None, validate: Validate | None = None
) -> tuple[Deck, list[Problem]]:
    """`validate(paths)` (`load_deck`), served from `cache_dir` when nothing changed since."""
    run = validate or _validate
    if cache_dir is None:
        return run(paths)
    try:
        cache_file = cache_dir / f"deck-{cache_key(paths, validate)}.pickle"
    except OSError:
        return run(paths)
    try:
        with cache_file.open("rb") as handle, _collector_paused():
            deck, problems = pickle.load(handle)
        if isinstance(deck, Deck) and isinstance(problems, list):
            return deck, problems
    except Exception:  # any unreadable cache is rebuilt, never fatal
        pass
    deck, problems = run(paths)
    _store(cache_dir, cache_file, (deck, problems))
    return deck, problems


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep the garbage collector out while a deck unpickles: its tens of thousands of new
    objects would set off collections that find nothing to free (20,000 items: 210 -> 130 ms)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _validate(paths: Sequence[Path]) -> tuple[Deck, list[Problem]]:
    """Read and validate the YAML (imports YAML and pydantic, which a cache hit skips)."""
    from studyapp.content.loader import load_deck

    return load_deck(paths)


def _store(cache_dir: Path, cache_file: Path, value: object) -> None:
    """Write atomically and drop older entries; a cache we cannot write is skipped."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("deck-*.pickle"):
            old.unlink(missing_ok=True)
        fd, temp = tempfile.mkstemp(dir=cache_dir, prefix=".deck-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, cache_file)
    except OSError:
        return
