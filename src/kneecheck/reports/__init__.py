"""Rendered reports (charts, pages): faces over the core's result objects."""

from kneecheck.reports._charts import weekly_volume_chart

__all__ = ["weekly_volume_chart"]
