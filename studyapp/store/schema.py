"""The schema version this studyapp writes and the tables each version has.

Kept apart so opening an up-to-date database never imports sqlite-utils (start-up time).
"""

SCHEMA_VERSION = 13

SEARCH_TABLES = frozenset(
    {
        "search",
        "search_fts",
        "search_fts_data",
        "search_fts_idx",
        "search_fts_docsize",
        "search_fts_config",
    }
)
#: The tables each migration adds, by the schema version it brings the database to.
TABLES_ADDED: dict[int, frozenset[str]] = {
    1: frozenset({"_sqlite_migrations", "settings", "sessions", "reviews", "item_state"}),
    2: frozenset({"flags", "meta", *SEARCH_TABLES}),
    3: frozenset({"exams", "exam_answers"}),
    4: frozenset({"suspensions"}),
    5: frozenset(),
    6: frozenset(
        {"review_quarter_hours", "item_tallies", "wrong_answers", "item_topics", "learned_days"}
    ),
    7: frozenset(),
    8: frozenset({"new_item_claims"}),
    9: frozenset(),
    10: frozenset(),
    11: frozenset({"bookmarks"}),
    12: frozenset({"items", "local_time_offsets"}),
    13: frozenset({"item_renames"}),
}
#: The tables a migration replaced, by the schema version it brings the database to
#: (v12 made `item_topics` a view of `items`).
TABLES_REMOVED: dict[int, frozenset[str]] = {12: frozenset({"item_topics"})}
KNOWN_TABLES = frozenset().union(*TABLES_ADDED.values())


def tables_of_version(version: int) -> frozenset[str]:
    """Every table a studyapp database at schema `version` has (none at 0)."""
    added = frozenset().union(*(t for v, t in TABLES_ADDED.items() if v <= version))
    return added.difference(*(t for v, t in TABLES_REMOVED.items() if v <= version))
