"""A calendar heatmap of reviews per study day: weekdays down, weeks across, oldest left."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.color import Color
from textual.reactive import reactive
from textual.widget import Widget

from studyapp.stats import DayActivity

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: The fewest reviews each shade stands for, from the faintest up (0 has its own shade).
THRESHOLDS = (1, 10, 25, 50)
_CELL = "■ "


def level_of(reviews: int) -> int:
    """0 for a day without reviews, else 1 to 4 by `THRESHOLDS`."""
    return sum(reviews >= low for low in THRESHOLDS)


class CalendarHeatmap(Widget):
    """Seven rows of shaded cells, one column per week, month labels on top and a legend."""

    DEFAULT_CSS = """
    CalendarHeatmap { height: auto; width: auto; }
    """

    activity: reactive[tuple[DayActivity, ...]] = reactive((), layout=True)
    """The days to draw, oldest first; the last one is today."""

    def _shades(self) -> list[str]:
        """Five colours from the background towards the theme's success colour."""
        variables = self.app.get_css_variables()
        background = Color.parse(variables.get("background", "#000000"))
        ink = Color.parse(variables.get("foreground", "#ffffff"))
        success = Color.parse(variables.get("success", "#00aa00"))
        empty = background.blend(ink, 0.18)
        return [empty.hex] + [background.blend(success, f).hex for f in (0.35, 0.55, 0.78, 1.0)]

    def _weeks(self) -> list[list[DayActivity | None]]:
        days: list[DayActivity | None] = [None] * self.activity[0].day.weekday()
        days.extend(self.activity)
        return [days[start : start + 7] for start in range(0, len(days), 7)]

    def _month_line(self, weeks: Sequence[Sequence[DayActivity | None]]) -> str:
        """Each month's name above the first week that starts in it."""
        line = [" "] * (4 + 2 * len(weeks) + 3)
        shown = None
        for n, week in enumerate(weeks):
            first = next(day for day in week if day is not None)
            if first.day.month != shown and (n > 0 or first.day.day <= 7):
                shown = first.day.month
                start = 4 + 2 * n
                line[start : start + 3] = f"{first.day:%b}"
        return "".join(line).rstrip()

    def render(self) -> Text:
        if not self.activity:
            return Text("No study days yet.")
        shades = self._shades()
        weeks = self._weeks()
        text = Text(self._month_line(weeks) + "\n", style="dim")
        for row, name in enumerate(WEEKDAYS):
            text.append(f"{name} ", style="dim")
            for week in weeks:
                day = week[row] if row < len(week) else None
                if day is None:
                    text.append("  ")
                else:
                    text.append(_CELL, style=shades[level_of(day.reviews)])
            text.append("\n")
        text.append("    less ", style="dim")
        for shade in shades:
            text.append(_CELL, style=shade)
        text.append("more   ", style="dim")
        bands = ["0", *(f"{low}+" for low in THRESHOLDS)]
        text.append(" ".join(bands), style="dim")
        return text
