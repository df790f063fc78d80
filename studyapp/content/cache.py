"""A cache of the validated deck and exam guides, so start-up skips YAML and validation.

Keyed by studyapp's version, the field layout of every cached class, and every content
file's path, size and modification time: editing, adding or removing a file, or adding a
field to a model, makes a new key. A missing, stale or unreadable cache is simply rebuilt;
the cache never changes what loads, only how fast.

Loading a pickle can run code, so the cache is read only from a folder only this user can
write (theirs, mode 0700, created so) and only content classes are unpickled: a pickle
someone else could have placed, or one naming anything else, is ignored and rebuilt.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from studyapp import __version__
from studyapp.content import deck as deck_module
from studyapp.content import files as files_module
from studyapp.content import guides as guides_module
from studyapp.content import models as models_module
from studyapp.content.deck import Deck
from studyapp.content.files import RULE_FILES, Problem, content_files
from studyapp.content.guides import Guides, builtin_guides_dir, guide_files

#: Bump only for a change the field layout does not show (how a class is reduced, say).
CACHE_FORMAT = 9

#: What turns content paths into a deck and its problems (the default: `load_deck`).
Validate = Callable[[Sequence[Path]], tuple[Deck, list[Problem]]]
#: (class, field values): what one content model pickles as.
Reduced = tuple[type, tuple[Any, ...]]

FolderState = Literal["private", "missing", "reset", "foreign"]


def _dataclasses_of(module: ModuleType) -> tuple[type, ...]:
    """The dataclasses a module defines, in the order it defines them."""
    return tuple(
        value
        for value in vars(module).values()
        if isinstance(value, type) and is_dataclass(value) and value.__module__ == module.__name__
    )


#: The content models (topics, notes, items and their parts), pickled by `_as_arguments`.
MODEL_CLASSES = _dataclasses_of(models_module)
#: The exam guides and their parts, pickled the same way.
GUIDE_CLASSES = _dataclasses_of(guides_module)
#: Every class a cached deck or guide set is made of; no other global is unpickled.
CACHED_CLASSES = (
    MODEL_CLASSES + GUIDE_CLASSES + _dataclasses_of(deck_module) + _dataclasses_of(files_module)
)


def field_layout(classes: Iterable[type]) -> str:
    """Each class's name and its dataclass field names, in order: a new field changes it."""
    return ";".join(
        f"{cls.__module__}.{cls.__qualname__}({','.join(f.name for f in fields(cls))})"
        for cls in classes
    )


FIELD_LAYOUT = field_layout(CACHED_CLASSES)


def _as_arguments(cls: type) -> Callable[[Any], Reduced]:
    """A reducer pickling an instance of `cls` as the class and its field values, so loading
    calls the class once instead of setting each slot through `__setstate__` (measured by
    bench/bench_scale.py: load from the validated-deck cache)."""
    names = tuple(f.name for f in fields(cls))

    def reduce(instance: Any) -> Reduced:
        return (cls, tuple(getattr(instance, name) for name in names))

    return reduce


#: The reducers a deck is pickled with: copyreg's, plus one per content model. Kept to the
#: cache's own pickler, so pickling a model anywhere else is left as it was.
DISPATCH_TABLE: dict[type, Callable[[Any], Any]] = {
    **copyreg.dispatch_table,
    **{cls: _as_arguments(cls) for cls in MODEL_CLASSES + GUIDE_CLASSES},
}


def cache_key(paths: Sequence[Path], validate: Validate | None = None) -> str:
    """A digest of everything the loaded deck depends on (decision rules beside it included)."""
    files, missing = content_files(paths)
    files += [p / name for p in paths if p.is_dir() for name in RULE_FILES if (p / name).is_file()]
    how = "" if validate is None else f"{validate.__module__}.{validate.__qualname__}"
    header = f"{CACHE_FORMAT}|{__version__}|{sys.version}|{how}|{FIELD_LAYOUT}"
    digest = hashlib.sha256(header.encode())
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
        # Stored with the deck (a cached property pickles with it), so a start from the
        # cache tells the progress database's copy of the items is current without hashing.
        deck.catalogue_digest  # noqa: B018
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
        for old in cache_dir.glob("*.pickle"):
            old.unlink()
    except OSError:
        return "foreign"
    return "reset"


def _read(cache_file: Path) -> tuple[Deck, list[Problem]] | None:
    """The cached deck, if the file is this user's, not writable by others, and holds one."""
    found = _read_pickle(cache_file)
    if isinstance(found, tuple) and len(found) == 2:
        deck, problems = found
        if isinstance(deck, Deck) and isinstance(problems, list):
            return deck, problems
    return None


def _read_pickle(cache_file: Path) -> object:
    """What the cache file holds, if it is this user's and not writable by others (None:
    not, or it cannot be read)."""
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
                return _ContentUnpickler(handle).load()
        except Exception:  # corrupt, truncated, or naming what a deck never holds: rebuilt
            return None


def load_guides_cached(cache_dir: Path | None) -> Guides:
    """The shipped exam guides (`load_guides`: YAML and pydantic, about 0.1 s the first time
    in a process), served from `cache_dir` while their files are unchanged."""
    from studyapp.content.guides import load_guides

    if cache_dir is None:
        return load_guides()[0]
    try:
        files, _missing = guide_files([builtin_guides_dir()])
        digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{FIELD_LAYOUT}".encode())
        for path in files:
            status = path.stat()
            digest.update(f"{path.resolve()}|{status.st_size}|{status.st_mtime_ns}\n".encode())
    except OSError:
        return load_guides()[0]
    cache_file = cache_dir / f"guides-{digest.hexdigest()[:32]}.pickle"
    folder = _folder_state(cache_dir)
    if folder == "private":
        cached = _read_pickle(cache_file)
        if isinstance(cached, Guides):
            return cached
    guides = load_guides()[0]
    if folder != "foreign":
        _store(cache_dir, cache_file, guides)
    return guides


class _ContentUnpickler(pickle.Unpickler):
    """Unpickles content classes only, so a planted pickle cannot call anything else."""

    def find_class(self, module: str, name: str) -> Any:
        found = _CACHED_BY_NAME.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a deck")
        return found


_CACHED_BY_NAME = {(cls.__module__, cls.__qualname__): cls for cls in CACHED_CLASSES}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep the garbage collector out while a deck unpickles: its tens of thousands of new
    objects would set off collections that find nothing to free (measured by
    bench/bench_scale.py: load from the validated-deck cache)."""
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
        prefix = cache_file.name.partition("-")[0]  # deck or guides
        for old in cache_dir.glob(f"{prefix}-*.pickle"):
            old.unlink(missing_ok=True)
        fd, temp = tempfile.mkstemp(dir=cache_dir, prefix=f".{prefix}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = DISPATCH_TABLE
            pickler.dump(value)
        os.replace(temp, cache_file)
    except OSError:
        return
