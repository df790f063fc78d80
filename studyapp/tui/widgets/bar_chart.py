"""A vertical bar chart of items due per study day, drawn with block characters."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from studyapp.stats import DueDay

_EIGHTHS = " ▁▂▃▄▅▆▇█"
#: Rows of bars; each row holds eight steps of a block character.
CHART_HEIGHT = 6
#: A day label under every this many bars.
LABEL_EVERY = 7


def bar_column(count: int, peak: int, height: int = CHART_HEIGHT) -> list[str]:
    """One bar as characters from the top row down, scaled so `peak` fills the height."""
    eighths = 0 if peak == 0 else round(count * height * 8 / peak)
    if count and not eighths:
        eighths = 1  # a day with anything due always shows
    cells = []
    for row in range(height - 1, -1, -1):
        cells.append(_EIGHTHS[max(0, min(8, eighths - row * 8))])
    return cells


class DueForecastChart(Widget):
    """Bars of what falls due each day from today on, with a scale, day labels and totals."""

    DEFAULT_CSS = """
    DueForecastChart { height: auto; width: auto; }
    DueForecastChart .bar { color: $primary; }
    """

    days: reactive[tuple[DueDay, ...]] = reactive((), layout=True)
    """The days to draw, today first; today's count includes the overdue."""

    @property
    def bar_count(self) -> int:
        """How many bars the chart draws: one per day."""
        return len(self.days)

    def _bars(self, text: Text, peak: int) -> None:
        columns = [bar_column(day.due, peak) for day in self.days]
        colour = self.app.get_css_variables().get("primary", "blue")
        for row in range(CHART_HEIGHT):
            label = str(peak) if row == 0 else ("0" if row == CHART_HEIGHT - 1 else "")
            text.append(f"{label:>4} ┤" if label else "     │", style="dim")
            for n, column in enumerate(columns):
                style = f"bold {colour}" if n == 0 else colour
                text.append(column[row], style=style)
                text.append(" " if n < len(columns) - 1 else "\n")

    def _labels(self, text: Text) -> None:
        width = 2 * len(self.days)
        axis = ["─"] * width
        labels = [" "] * (width + 6)
        for n in range(0, len(self.days), LABEL_EVERY):
            axis[2 * n] = "┬"
            label = "today" if n == 0 else f"{self.days[n].day:%b %-d}"
            labels[2 * n : 2 * n + len(label)] = label
        text.append("     └" + "".join(axis) + "\n", style="dim")
        text.append("      " + "".join(labels).rstrip() + "\n", style="dim")

    def render(self) -> Text:
        if not self.days:
            return Text("Nothing scheduled yet.")
        counts = [day.due for day in self.days]
        text = Text()
        self._bars(text, max(counts))
        self._labels(text)
        text.append(
            f"today {counts[0]} · tomorrow {counts[1] if len(counts) > 1 else 0} · "
            f"next 7 days {sum(counts[:7])} · next {len(counts)} days {sum(counts)} · "
            f"busiest {max(counts)}"
        )
        return text
