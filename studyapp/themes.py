"""The names of Textual's themes, for the `theme` setting, without importing Textual.

`studyapp settings theme nord` validates the name on the command line, which never loads
Textual; a test keeps this list equal to the themes the installed Textual offers.
"""

from __future__ import annotations

#: Textual's built-in themes (textual.theme.BUILTIN_THEMES), alphabetically.
THEME_NAMES: tuple[str, ...] = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)
#: Textual's own default.
DEFAULT_THEME = "textual-dark"
