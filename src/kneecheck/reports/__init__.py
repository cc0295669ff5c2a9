"""Rendered reports (charts, pages, documents): faces over the core's result objects."""

from kneecheck.reports._charts import weekly_volume_chart
from kneecheck.reports._fhir import fhir_bundle
from kneecheck.reports._knee import KneeReport, as_json_document, gather, render_html, render_pdf

__all__ = [
    "KneeReport",
    "as_json_document",
    "fhir_bundle",
    "gather",
    "render_html",
    "render_pdf",
    "weekly_volume_chart",
]
