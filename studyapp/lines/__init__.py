"""The line-mode front end: sessions, exams, the menu and printed reports on stdin/stdout.

For pipes, scripts and terminals that cannot draw a full screen (`--plain`).
"""
