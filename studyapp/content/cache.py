"""A cache of the validated deck, so start-up skips YAML parsing and validation.

Keyed by studyapp's version and every content file's path, size and modification time:
editing, adding or removing a file makes a new key. A missing, stale or unreadable cache
is simply rebuilt; the cache never changes what loads, only how fast.

Loading a pickle can run code, so the cache is read only from a folder only this user can
write (theirs, mode 0700, created so) and only content classes are unpickled: a pickle
someone else could have placed, or one naming anything else, is ignored and rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from studyapp import __version__
from studyapp.content.deck import Deck
from studyapp.content.files import RULE_FILES, Problem, content_files

CACHE_FORMAT = 7

#: What turns content paths into a deck and its problems (the default: `load_deck`).
Validate = Callable[[Sequence[Path]], tuple[Deck, list[Problem]]]
#: The modules whose classes a cached deck is made of; no other global is unpickled.
CONTENT_MODULES = ("studyapp.content.models", "studyapp.content.deck", "studyapp.content.files")

FolderState = Literal["private", "missing", "reset", "foreign"]


def cache_key(paths: Sequence[Path], validate: Validate | None = None) -> str:
    """A digest of everything the loaded deck depends on (decision rules beside it included)."""
    files, missing = content_files(paths)
    files += [p / name for p in paths if p.is_dir() for name in RULE_FILES if (p / name).is_file()]
    how = "" if validate is None else f"{validate.__module__}.{validate.__qualname__}"
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{sys.version}|{how}".encode())
    for path in files:
        status = path.stat()
        digest.update(f"{path.resolve()}|{status.st_size}|{status.st_mtime_ns}\n".encode())
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
    folder = _folder_state(cache_dir)
    if folder == "private":
        cached = _read(cache_file)
        if cached is not None:
            return cached
    deck, problems = run(paths)
    if folder != "foreign":
        _store(cache_dir, cache_file, (deck, problems))
    return deck, problems


def _folder_state(cache_dir: Path) -> FolderState:
    """Whether only this user can write `cache_dir`. One of theirs that others may write is
    made private and emptied ("reset": nothing in it is read); anyone else's is left alone."""
    if not hasattr(os, "geteuid"):  # Windows: the user's profile folder is theirs
        return "private"
    try:
        status = os.stat(cache_dir)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "foreign"
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.geteuid():
        return "foreign"
    if stat.S_IMODE(status.st_mode) & 0o077 == 0:
        return "private"
    try:
        os.chmod(cache_dir, 0o700)
        for old in cache_dir.glob("deck-*.pickle"):
            old.unlink()
    except OSError:
        return "foreign"
    return "reset"


def _read(cache_file: Path) -> tuple[Deck, list[Problem]] | None:
    """The cached deck, if the file is this user's, not writable by others, and holds one."""
    try:
        fd = os.open(cache_file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if hasattr(os, "geteuid") and (
            status.st_uid != os.geteuid() or stat.S_IMODE(status.st_mode) & 0o022
        ):
            return None
        try:
            with _collector_paused():
                deck, problems = _ContentUnpickler(handle).load()
        except Exception:  # corrupt, truncated, or naming what a deck never holds: rebuilt
            return None
    if isinstance(deck, Deck) and isinstance(problems, list):
        return deck, problems
    return None


class _ContentUnpickler(pickle.Unpickler):
    """Unpickles content classes only, so a planted pickle cannot call anything else."""

    def find_class(self, module: str, name: str) -> Any:
        if module in CONTENT_MODULES:
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a deck")


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
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(cache_dir, 0o700)  # whatever the umask; the folder is ours (or just made)
        for old in cache_dir.glob("deck-*.pickle"):
            old.unlink(missing_ok=True)
        fd, temp = tempfile.mkstemp(dir=cache_dir, prefix=".deck-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, cache_file)
    except OSError:
        return
