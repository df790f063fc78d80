"""Progress figures computed from the review log and the state cache; no UI here."""

from studyapp.stats.activity import (
    HEATMAP_DAYS,
    DayActivity,
    daily_activity,
    study_streak,
    time_studied_ms,
)
from studyapp.stats.backtest import ExamCheck, exam_backtest
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
from studyapp.stats.readiness import readiness, readiness_from_evidence
from studyapp.stats.readiness_domains import DEFAULT_GUIDE_ID, exam_guide, guide_for
from studyapp.stats.readiness_evidence import DEFAULT_HORIZON_DAYS, readiness_horizon
from studyapp.stats.readiness_model import (
    FIRST_SIGHT_WEIGHT,
    MODEL_SPREAD,
    RANGE_COVERAGE,
    QuestionGroup,
    correct_count_distribution,
    exam_outlook,
    expected_scaled_score,
    first_sight,
    guessing_floor,
    later_answers,
)
from studyapp.stats.readiness_types import (
    DomainReadiness,
    ExamOutlook,
    FirstSight,
    Horizon,
    ItemEvidence,
    LaterAnswers,
    Readiness,
    TopicReadiness,
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
    "DEFAULT_GUIDE_ID",
    "DEFAULT_HORIZON_DAYS",
    "FIRST_SIGHT_WEIGHT",
    "FORECAST_DAYS",
    "HEATMAP_DAYS",
    "MASTERY_STABILITY_DAYS",
    "MODEL_SPREAD",
    "RANGE_COVERAGE",
    "RETENTION_WINDOWS",
    "Confusion",
    "DayActivity",
    "DomainReadiness",
    "DueDay",
    "ExamCheck",
    "ExamOutlook",
    "FirstSight",
    "Horizon",
    "ItemEvidence",
    "LaterAnswers",
    "Leech",
    "QuestionGroup",
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
    "exam_backtest",
    "exam_guide",
    "exam_outlook",
    "expected_scaled_score",
    "first_sight",
    "guessing_floor",
    "guide_for",
    "later_answers",
    "leeches",
    "mastery_of",
    "readiness",
    "readiness_from_evidence",
    "readiness_horizon",
    "report_as_json",
    "study_day_bounds",
    "study_days_ahead",
    "study_days_back",
    "study_streak",
    "time_studied_ms",
    "topic_progress",
    "true_retention",
]
