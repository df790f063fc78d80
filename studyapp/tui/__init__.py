"""The Textual front end. Nothing outside this package imports it (a test checks).

Importing it changes no environment variable (a test checks): the CLI sets TEXTUAL_FPS
where it starts the app, before Textual is imported.
"""

from studyapp.tui.app import StartAt, StudyApp, make_app

__all__ = ["StartAt", "StudyApp", "make_app"]
