"""UI-neutral text both front ends show: letters, durations, clocks, summaries, readiness.

The TUI and line mode import from here, never from each other.
"""
