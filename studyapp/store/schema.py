"""The schema version this studyapp writes: the number of migrations in `migrations.py`.

Kept apart so opening an up-to-date database never imports sqlite-utils (start-up time).
"""

SCHEMA_VERSION = 7
