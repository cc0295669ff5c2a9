"""kneecheck: is this knee pain serious, what is it likely to be, and what to do about it.

Information, not a diagnosis. The Python API::

    from kneecheck import assess
    result = assess({"age": 28, "how_it_started": ["no_injury"], "where": ["around_kneecap"]})
    print(result.urgency, result.conditions[0].id)
"""

from kneecheck.answers import Answers, answers_schema
from kneecheck.triage import Assessment, assess, assess_text

__all__ = ["Answers", "Assessment", "answers_schema", "assess", "assess_text"]
__version__ = "0.1.0"
