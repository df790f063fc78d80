"""Progress figures computed from the review log and the state cache; no UI here.

Names are imported on first use, so a module that needs one figure (Home's counts:
`studyapp.stats.overview`) does not load them all. `readiness` and `confusions` name
modules of this package too: import those functions from their modules.
"""

from typing import TYPE_CHECKING

from studyapp.lazy import lazy_attributes

if TYPE_CHECKING:
    from studyapp.stats.activity import (
        HEATMAP_DAYS,
        DayActivity,
        daily_activity,
        study_streak,
        time_studied_ms,
    )
    from studyapp.stats.backtest import ExamCheck, exam_backtest
    from studyapp.stats.calendar import StudyDay, study_days_ahead, study_days_back
    from studyapp.stats.confusions import Confusion
    from studyapp.stats.forecast import FORECAST_DAYS, DueDay, due_forecast
    from studyapp.stats.progress import (
        MASTERY_STABILITY_DAYS,
        TopicProgress,
        mastery_of,
        study_day_bounds,
        topic_progress,
    )
    from studyapp.stats.readiness import readiness_from_evidence
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

_LAZY = {
    "HEATMAP_DAYS": "studyapp.stats.activity",
    "DayActivity": "studyapp.stats.activity",
    "daily_activity": "studyapp.stats.activity",
    "study_streak": "studyapp.stats.activity",
    "time_studied_ms": "studyapp.stats.activity",
    "ExamCheck": "studyapp.stats.backtest",
    "exam_backtest": "studyapp.stats.backtest",
    "StudyDay": "studyapp.stats.calendar",
    "study_days_ahead": "studyapp.stats.calendar",
    "study_days_back": "studyapp.stats.calendar",
    "Confusion": "studyapp.stats.confusions",
    "FORECAST_DAYS": "studyapp.stats.forecast",
    "DueDay": "studyapp.stats.forecast",
    "due_forecast": "studyapp.stats.forecast",
    "MASTERY_STABILITY_DAYS": "studyapp.stats.progress",
    "TopicProgress": "studyapp.stats.progress",
    "mastery_of": "studyapp.stats.progress",
    "study_day_bounds": "studyapp.stats.progress",
    "topic_progress": "studyapp.stats.progress",
    "readiness_from_evidence": "studyapp.stats.readiness",
    "DEFAULT_GUIDE_ID": "studyapp.stats.readiness_domains",
    "exam_guide": "studyapp.stats.readiness_domains",
    "guide_for": "studyapp.stats.readiness_domains",
    "DEFAULT_HORIZON_DAYS": "studyapp.stats.readiness_evidence",
    "readiness_horizon": "studyapp.stats.readiness_evidence",
    "FIRST_SIGHT_WEIGHT": "studyapp.stats.readiness_model",
    "MODEL_SPREAD": "studyapp.stats.readiness_model",
    "RANGE_COVERAGE": "studyapp.stats.readiness_model",
    "QuestionGroup": "studyapp.stats.readiness_model",
    "correct_count_distribution": "studyapp.stats.readiness_model",
    "exam_outlook": "studyapp.stats.readiness_model",
    "expected_scaled_score": "studyapp.stats.readiness_model",
    "first_sight": "studyapp.stats.readiness_model",
    "guessing_floor": "studyapp.stats.readiness_model",
    "later_answers": "studyapp.stats.readiness_model",
    "DomainReadiness": "studyapp.stats.readiness_types",
    "ExamOutlook": "studyapp.stats.readiness_types",
    "FirstSight": "studyapp.stats.readiness_types",
    "Horizon": "studyapp.stats.readiness_types",
    "ItemEvidence": "studyapp.stats.readiness_types",
    "LaterAnswers": "studyapp.stats.readiness_types",
    "Readiness": "studyapp.stats.readiness_types",
    "TopicReadiness": "studyapp.stats.readiness_types",
    "Leech": "studyapp.stats.report",
    "StatsReport": "studyapp.stats.report",
    "build_stats_report": "studyapp.stats.report",
    "leeches": "studyapp.stats.report",
    "report_as_json": "studyapp.stats.report",
    "RETENTION_WINDOWS": "studyapp.stats.retention",
    "RetentionFigure": "studyapp.stats.retention",
    "TopicRetention": "studyapp.stats.retention",
    "true_retention": "studyapp.stats.retention",
}

__getattr__ = lazy_attributes(__name__, _LAZY)

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
