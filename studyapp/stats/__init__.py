"""Progress figures computed from the review log and the state cache; no UI here."""

from studyapp.stats.activity import (
    HEATMAP_DAYS,
    DayActivity,
    daily_activity,
    study_streak,
    time_studied_ms,
)
from studyapp.stats.calendar import StudyDay, study_days_ahead, study_days_back
from studyapp.stats.confusions import Confusion, confusions
from studyapp.stats.forecast import FORECAST_DAYS, DueDay, due_forecast
from studyapp.stats.progress import (
    MASTERY_STABILITY_DAYS,
    TopicProgress,
    mastery_of,
    study_day_bounds,
    topic_progress,
)
from studyapp.stats.readiness import (
    RANGE_COVERAGE,
    UNSEEN_PRIOR,
    ExamOutlook,
    Readiness,
    TopicReadiness,
    correct_count_distribution,
    exam_outlook,
    expected_scaled_score,
    readiness,
)
from studyapp.stats.report import (
    Leech,
    StatsReport,
    build_stats_report,
    leeches,
    report_as_json,
)
from studyapp.stats.retention import (
    RETENTION_WINDOWS,
    RetentionFigure,
    TopicRetention,
    true_retention,
)

__all__ = [
    "FORECAST_DAYS",
    "HEATMAP_DAYS",
    "MASTERY_STABILITY_DAYS",
    "RANGE_COVERAGE",
    "RETENTION_WINDOWS",
    "UNSEEN_PRIOR",
    "Confusion",
    "DayActivity",
    "DueDay",
    "ExamOutlook",
    "Leech",
    "Readiness",
    "RetentionFigure",
    "StatsReport",
    "StudyDay",
    "TopicProgress",
    "TopicReadiness",
    "TopicRetention",
    "build_stats_report",
    "confusions",
    "correct_count_distribution",
    "daily_activity",
    "due_forecast",
    "exam_outlook",
    "expected_scaled_score",
    "leeches",
    "mastery_of",
    "readiness",
    "report_as_json",
    "study_day_bounds",
    "study_days_ahead",
    "study_days_back",
    "study_streak",
    "time_studied_ms",
    "topic_progress",
    "true_retention",
]
