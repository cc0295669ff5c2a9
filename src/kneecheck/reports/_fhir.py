"""The assessment and the pain diary as FHIR R4 JSON, for a clinic's system.

A collection Bundle: a Patient (a local id only, no name), a QuestionnaireResponse with the
answers of the latest assessment (one item per answer, the answers field as linkId), and one
Observation per diary entry with the pain score coded by LOINC 72514-3 (pain severity, 0-10
verbal numeric rating, reported) and the UCUM unit {score}.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from kneecheck.diary import PainEntry

PAIN_SEVERITY = {
    "system": "http://loinc.org",
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
QUESTIONNAIRE = "https://kneecheck.invalid/fhir/Questionnaire/knee-assessment"
"""A canonical name for kneecheck's questions (not a resolvable address: nothing is fetched)."""


def fhir_bundle(
    athlete: str,
    assessment: dict[str, Any] | None,
    entries: list[PainEntry],
    knowledge_version: str,
) -> dict[str, Any]:
    patient_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"kneecheck:{athlete}"))
    subject = {"reference": f"urn:uuid:{patient_id}"}
    resources: list[dict[str, Any]] = [{"resourceType": "Patient", "id": patient_id, "active": True}]
    if assessment is not None:
        resources.append(
            {
                "resourceType": "QuestionnaireResponse",
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"kneecheck:{athlete}:assessment:{assessment['id']}")),
                "questionnaire": f"{QUESTIONNAIRE}|{knowledge_version}",
                "status": "completed",
                "subject": subject,
                "authored": _instant(assessment["at_utc"]),
                "item": [_item(field, value) for field, value in sorted(assessment["answers"].items())],
            }
        )
    for entry in entries:
        resources.append(
            {
                "resourceType": "Observation",
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"kneecheck:{athlete}:diary:{entry.id}")),
                "status": "final",
                "category": [
                    {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                "code": "survey",
                                "display": "Survey",
                            }
                        ]
                    }
                ],
                "code": {"coding": [PAIN_SEVERITY], "text": "Knee pain now, 0-10"},
                "subject": subject,
                "effectiveDateTime": entry.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                "valueInteger": entry.pain_now,
                **({"note": [{"text": entry.notes}]} if entry.notes else {}),
            }
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def _item(field: str, value: Any) -> dict[str, Any]:
    values = value if isinstance(value, list) else [value]
    return {"linkId": field, "text": field.replace("_", " "), "answer": [_answer(v) for v in values]}


def _answer(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, float):
        return {"valueDecimal": value}
    return {"valueString": str(value)}


def _instant(stamp: str) -> str:
    return stamp if stamp.endswith("Z") else stamp + "Z"
