"""Every statistic in one value, for the `stats` command, its JSON, and the stats screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, tzinfo
from typing import Any

from studyapp.content import Deck
from studyapp.stats.activity import DayActivity, daily_activity, study_streak, time_studied_ms
from studyapp.stats.confusions import Confusion, confusions
from studyapp.stats.forecast import DueDay, due_forecast
from studyapp.stats.progress import TopicProgress, topic_progress
from studyapp.stats.retention import TopicRetention, true_retention
from studyapp.store import Store


@dataclass(frozen=True)
class Leech:
    """A suspended item, with its topic (None once deleted from the deck) and lapse count."""

    item_id: str
    topic_id: str | None
    suspended_at: datetime
    reason: str
    lapses: int


@dataclass(frozen=True)
class StatsReport:
    """The figures of the topics asked for (all of them when `topic_ids` is None)."""

    topic_ids: tuple[str, ...] | None
    topics: tuple[TopicProgress, ...]
    retention: tuple[TopicRetention, ...]
    forecast: tuple[DueDay, ...]
    activity: tuple[DayActivity, ...]
    streak_days: int
    time_studied_ms: int
    leeches: tuple[Leech, ...]
    confusions: tuple[Confusion, ...]


def leeches(deck: Deck, store: Store, topic_ids: Sequence[str] | None = None) -> list[Leech]:
    """Suspended items, most recently suspended first, with how often each was forgotten."""
    suspensions = store.flags.suspended()
    lapses = store.flags.lapses_of_suspended()
    found = [
        Leech(
            s.item_id,
            deck.topic_of.get(s.item_id),
            s.suspended_at,
            s.reason,
            lapses.get(s.item_id, 0),
        )
        for s in suspensions
    ]
    return [leech for leech in found if topic_ids is None or leech.topic_id in topic_ids]


def _item_ids_of(deck: Deck, topic_ids: Sequence[str] | None) -> dict[str, list[str]]:
    """Each topic asked for, in deck order, with its item ids."""
    wanted = [t for t in deck.topics if topic_ids is None or t in topic_ids]
    item_ids_of: dict[str, list[str]] = {topic_id: [] for topic_id in wanted}
    for item_id in deck.items:
        item_ids_of.get(deck.topic_of[item_id], []).append(item_id)
    return item_ids_of


def build_stats_report(
    deck: Deck,
    store: Store,
    now: datetime,
    local_tz: tzinfo,
    topic_ids: Sequence[str] | None = None,
) -> StatsReport:
    """Compute every figure for the topics asked for (all when `topic_ids` is None)."""
    item_ids_of = _item_ids_of(deck, topic_ids)
    in_scope = {i for item_ids in item_ids_of.values() for i in item_ids}
    item_filter = None if topic_ids is None else in_scope
    store.items.sync(deck, now)  # the forecast and retention count by topic
    return StatsReport(
        topic_ids=None if topic_ids is None else tuple(topic_ids),
        topics=tuple(
            p for p in topic_progress(deck, store, now, local_tz) if p.topic_id in item_ids_of
        ),
        retention=tuple(true_retention(store, deck, list(item_ids_of), now, local_tz)),
        forecast=tuple(due_forecast(store, topic_ids, now, local_tz)),
        activity=tuple(daily_activity(store, now, local_tz, item_ids=item_filter)),
        streak_days=study_streak(store, now, local_tz, item_filter),
        time_studied_ms=time_studied_ms(store, item_filter),
        leeches=tuple(leeches(deck, store, topic_ids)),
        confusions=tuple(confusions(deck, store, item_filter)),
    )


def _retention_json(row: TopicRetention) -> dict[str, Any]:
    return {
        str(f.window_days): {"reviews": f.reviews, "recalled": f.recalled, "retention": f.retention}
        for f in row.figures
    }


def _confusion_json(confusion: Confusion) -> dict[str, Any]:
    return {
        "item_id": confusion.item_id,
        "topic_id": confusion.topic_id,
        "chosen": confusion.chosen,
        "right": confusion.right,
        "count": confusion.times,
        "text": confusion.describe(),
    }


def report_as_json(report: StatsReport) -> dict[str, Any]:
    """Everything in the report as JSON-ready values (dates as ISO text, times in ms)."""
    retention = {row.topic_id or "all": _retention_json(row) for row in report.retention}
    return {
        "topic_ids": list(report.topic_ids) if report.topic_ids is not None else None,
        "topics": [{**asdict(p), "retention": retention[p.topic_id]} for p in report.topics],
        "retention": retention["all"],
        "forecast": [{"date": d.day.isoformat(), "due": d.due} for d in report.forecast],
        "activity": [
            {"date": d.day.isoformat(), "reviews": d.reviews, "duration_ms": d.duration_ms}
            for d in report.activity
        ],
        "streak_days": report.streak_days,
        "time_studied_ms": report.time_studied_ms,
        "leeches": [
            {**asdict(leech), "suspended_at": leech.suspended_at.isoformat()}
            for leech in report.leeches
        ],
        "confusions": [_confusion_json(c) for c in report.confusions],
    }
