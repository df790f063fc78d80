"""Option letters: one set for typing, showing and keys in every front end."""

from studyapp.study.options import OPTION_LETTERS

#: The letters a key picks an option by (a question shows at most eight options).
KEY_LETTERS = OPTION_LETTERS[:8]

__all__ = ["KEY_LETTERS", "OPTION_LETTERS"]
