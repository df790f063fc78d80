"""Moving progress in and out of the database file: backups and restoring one; exports.

Domain code below the front ends: it imports the store, never a UI. The exports
(`interop.anki`, `interop.reviews_csv`) are imported from their modules, so a backup loads
neither genanki nor the study engines.
"""

from studyapp.interop.backup import BackupResult, backup_database, default_backup_path
from studyapp.interop.restore import RestoreResult, restore_database

__all__ = [
    "BackupResult",
    "RestoreResult",
    "backup_database",
    "default_backup_path",
    "restore_database",
]
