"""Moving progress in and out of the database file: backups and restoring one.

Domain code below the front ends: it imports the store, never a UI.
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
