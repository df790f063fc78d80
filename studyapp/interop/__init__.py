"""Moving progress in and out of the database file: backups, restoring one, merging two;
exports.

Domain code below the front ends: it imports the store, never a UI. The exports
(`interop.anki`, `interop.reviews_csv`) are imported from their modules, so a backup loads
neither genanki nor the study engines.
"""

from studyapp.interop.backup import BackupResult, backup_database, default_backup_path
from studyapp.interop.merge import MergeResult, merge_database
from studyapp.interop.restore import RestoreResult, restore_database

__all__ = [
    "BackupResult",
    "MergeResult",
    "RestoreResult",
    "backup_database",
    "default_backup_path",
    "merge_database",
    "restore_database",
]
