"""Writes from the TUI when the disk is full: say so and let the learner try again."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from textual.message_pump import MessagePump

from studyapp.errors import is_disk_full

DISK_FULL_NOTICE = "Disk full: your answer was not saved; free some space and answer again."

Self = TypeVar("Self", bound=MessagePump)
Params = ParamSpec("Params")


def retry_when_disk_full(
    method: Callable[Concatenate[Self, Params], None],
) -> Callable[Concatenate[Self, Params], None]:
    """For an action or handler that saves something: on a full disk, notify and stop.

    The study engines write before they change anything, so the screen still shows what was
    there (the card unanswered, the question open) and the same key saves it once there is
    space. Any other database error goes on to the app, which ends with one line.
    """

    def saving(self: Self, /, *args: Params.args, **kwargs: Params.kwargs) -> None:
        try:
            method(self, *args, **kwargs)
        except sqlite3.OperationalError as error:
            if not is_disk_full(error):
                raise
            self.app.notify(DISK_FULL_NOTICE, severity="error", timeout=15)

    functools.update_wrapper(saving, method)  # Textual reads the action's parameters through it
    return saving
