"""The Textual front end. Nothing outside this package imports it (a test checks)."""

from studyapp.tui.app import StartAt, StudyApp, make_app

__all__ = ["StartAt", "StudyApp", "make_app"]
