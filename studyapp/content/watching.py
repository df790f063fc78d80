"""Watch content files for saves, through watchfiles (the operating system's file events, by
Rust's `notify`), for `content check --watch` and the TUI's deck reload.

watchfiles is imported when watching starts, never at start-up.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.content.files import CONTENT_SUFFIXES, content_files
from studyapp.errors import ContentError

if TYPE_CHECKING:
    from watchfiles import Change

#: How long the files must stay quiet after a change before it is reported (ms): an editor's
#: save (write a temporary file, rename it over the old one) is one change, not three.
SETTLE_MS = 100
#: The longest a run of changes is gathered before it is reported anyway (ms).
DEBOUNCE_MS = 1_600
#: How often the paths given are looked at again while nothing changes (ms): a folder given
#: that did not exist has no events to watch until it does, and one that went away neither.
RECHECK_MS = 1_000

#: What each path given is: (device, inode, is a folder), or None while it does not exist.
Layout = tuple[tuple[int, int, bool] | None, ...]


def content_changes(
    paths: Sequence[Path],
    stop: threading.Event,
    *,
    settle_ms: int = SETTLE_MS,
    armed: Callable[[], None] | None = None,
) -> Iterator[frozenset[Path]]:
    """The content files and folders changed under `paths`, a batch once they settle, until
    `stop` is set (Ctrl-C on the main thread raises KeyboardInterrupt).

    A path given that appears, goes away or is replaced (an editor saving over a file given
    by name writes a new one) starts the watch again over what exists then. `armed` is
    called once the first watch is sure to see every change (within RECHECK_MS of starting)."""
    while not stop.is_set():
        layout = _layout(paths)
        if any(layout):
            told = yield from _until_moved(paths, layout, stop, settle_ms, armed)
            armed = None if told else armed
            continue
        if armed is not None:  # nothing to miss: what appears is looked for here
            armed()
            armed = None
        appeared = frozenset() if stop.wait(RECHECK_MS / 1000) else _moved(paths, layout)
        if appeared:
            yield appeared


def _until_moved(
    paths: Sequence[Path],
    layout: Layout,
    stop: threading.Event,
    settle_ms: int,
    armed: Callable[[], None] | None,
) -> Generator[frozenset[Path], None, bool]:
    """Watch the paths of `layout` that exist until one given appears, goes or is replaced
    (or `stop`); whether the watcher answered, and so `armed` was called."""
    from watchfiles import watch

    roots = [path.absolute() for path, there in zip(paths, layout, strict=True) if there]
    content_filter, answered = ContentFilter(paths), False
    try:
        for changes in watch(
            *roots,
            watch_filter=content_filter,
            debounce=DEBOUNCE_MS,
            step=settle_ms,
            stop_event=stop,
            rust_timeout=RECHECK_MS,
            yield_on_timeout=True,
        ):
            if not answered and armed is not None:  # its first answer: it is set up
                armed()
            answered, moved = True, _moved(paths, layout)
            if changes or moved:
                content_filter.refresh()
                yield frozenset(Path(path) for _change, path in changes) or moved
            if moved:
                break
    except FileNotFoundError:
        pass  # a root went between looking and watching: look again
    except OSError as error:  # the system's limit of watches, say
        raise ContentError(f"cannot watch the content for changes: {error}") from error
    return answered


def _layout(paths: Sequence[Path]) -> Layout:
    found: list[tuple[int, int, bool] | None] = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            found.append(None)
        else:
            found.append((status.st_dev, status.st_ino, os.path.isdir(path)))
    return tuple(found)


def _moved(paths: Sequence[Path], layout: Layout) -> frozenset[Path]:
    """The paths given that appeared, went or were replaced since `layout` was taken."""
    now = _layout(paths)
    return frozenset(path for path, was, is_ in zip(paths, layout, now, strict=True) if was != is_)


class ContentFilter:
    """Which file events are content changes: a content file's (not an editor's lock or
    swap file), a folder that appears, and a folder going that held content files."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = paths
        self.refresh()

    def refresh(self) -> None:
        """Learn again which content files there are (after a change)."""
        files, _problems = content_files(self.paths)
        self.folders = {str(parent) for file in files for parent in file.absolute().parents}

    def __call__(self, change: Change, path: str) -> bool:
        name = os.path.basename(path)
        if os.path.splitext(name)[1] in CONTENT_SUFFIXES:
            return not name.startswith(".#")  # an Emacs lock, a link to nothing
        if change.name == "added":
            return os.path.isdir(path)
        return change.name == "deleted" and path in self.folders
