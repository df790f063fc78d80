"""A worker thread's own connection to the progress file, so no connection is shared."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from studyapp.store import Store
from studyapp.study import StudyContext


@contextmanager
def own_connection(context: StudyContext, *, read_only: bool = False) -> Iterator[StudyContext]:
    """`context` on a connection of the calling thread's own, opened and closed here.

    The app's connection belongs to the main thread; a worker opens the file again, as a
    second studyapp window would (SQLite's locks order their writes), and writable, so the
    figures a computation keeps (`store.settings.cache_figures`) are still kept. Closing waits for
    the page check that opening starts: post results before leaving the `with`. Only for a
    store with a file: an in-memory one cannot be opened twice (`has_file` tells).
    `read_only` opens it as reports do, with no page check (the app's own open has one):
    for a figure that keeps nothing.
    """
    path = context.store.path
    assert path is not None, "an in-memory store has no file to open again"
    store = Store.open(path, read_only=read_only)
    try:
        yield replace(context, store=store, sessions=[])
    finally:
        store.close()


def has_file(context: StudyContext) -> bool:
    """Whether a worker can open the context's store again (False: in memory, tests)."""
    return context.store.path is not None
