"""The Textual front end. Nothing outside this package imports it (a test checks)."""

import os

# Textual paints changes at its next frame tick, 60 a second by default: a key press could
# wait up to 17 ms to show, a third of the 50 ms budget from rating key to next card. At
# 240 the wait is at most 4 ms; frames are still only drawn when something changed. Set
# before Textual is imported (it reads this once); a user's own TEXTUAL_FPS wins.
os.environ.setdefault("TEXTUAL_FPS", "240")

from studyapp.tui.app import StartAt, StudyApp, make_app

__all__ = ["StartAt", "StudyApp", "make_app"]
