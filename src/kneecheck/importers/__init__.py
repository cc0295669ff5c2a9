"""Importers at the edge: FIT, GPX, TCX, CSV files, folders, zip archives, Strava exports."""

from kneecheck.importers._read import SURFACES, read_activities
from kneecheck.importers._run import ImportReport, import_paths, sport_family
from kneecheck.importers._summary import ActivitySummary, ImportProblem, NotAnActivity

__all__ = [
    "SURFACES",
    "ActivitySummary",
    "ImportProblem",
    "ImportReport",
    "NotAnActivity",
    "import_paths",
    "read_activities",
    "sport_family",
]
