"""How the free-text reader holds up when the same texts are written differently: the development
texts (dev and the tuning part of voices; never the untouched third) rewritten three ways, scored
as `kneecheck eval` scores them (urgency within the acceptable set; serious under-triage: the least
acceptable level was urgent or emergency and the result is less).

- typos: in 8 % of the words of five letters or more, two neighbouring letters swapped (5 seeds);
- dropped letters: in 8 % of the words of five letters or more, one letter left out or doubled
  (5 seeds; a second kind of slip, kept apart because the reader's spelling stage tries swaps first);
- texting: lower case, no commas, colons, brackets, quotes or question marks;
- notes: left/right as L/R, "6 weeks" and "3 days" as 6/52 and 3/7, "cannot" as "unable to", "and" as "&",
  "with" as "w/", "history" as "hx", "patient" as "pt".

Run: python benchmarks/text_robustness.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from kneecheck import assess_text
from kneecheck.evaluation import in_part

ORDER = ["self_care", "routine", "urgent", "emergency"]
ROOT = Path(__file__).resolve().parent.parent / "tests" / "vignettes"
NOTES = [
    (r"\bleft\b", "L"),
    (r"\bright\b", "R"),
    (r"\bpatient\b", "pt"),
    (r"\bhistory\b", "hx"),
    (r"\b(\d+) weeks?\b", r"\1/52"),
    (r"\b(\d+) days?\b", r"\1/7"),
    (r"\bcannot\b|\bcan't\b", "unable to"),
    (r"\bwith\b", "w/"),
    (r"\band\b", "&"),
]


def typos(text: str, rnd: random.Random) -> str:
    words = text.split()
    for i, word in enumerate(words):
        if len(word) > 4 and rnd.random() < 0.08:
            j = rnd.randrange(1, len(word) - 2)
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def slips(text: str, rnd: random.Random) -> str:
    words = text.split()
    for i, word in enumerate(words):
        if len(word) > 4 and rnd.random() < 0.08:
            j = rnd.randrange(1, len(word) - 1)
            words[i] = word[:j] + word[j + 1 :] if rnd.random() < 0.5 else word[: j + 1] + word[j:]
    return " ".join(words)


def texting(text: str) -> str:
    return re.sub(r"[,;:!?'\"()]", "", text.lower())


NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "ten": "10"}


def notes(text: str) -> str:
    text = re.sub(r"\b(" + "|".join(NUMBERS) + r")\b(?= (?:weeks?|days?)\b)", lambda m: NUMBERS[m[1].lower()], text)
    for pattern, short in NOTES:
        text = re.sub(pattern, short, text, flags=re.IGNORECASE)
    return text


def score(cases: list[dict], rewrite) -> tuple[int, int, list[str]]:
    within, serious = 0, []
    for case in cases:
        accept = case.get("acceptable_urgency") or [case["gold_urgency"]]
        least = min(accept, key=ORDER.index)
        got = assess_text(rewrite(case["text"])).urgency
        within += got in accept
        if least in ("urgent", "emergency") and ORDER.index(got) < ORDER.index(least):
            serious.append(case["id"])
    return within, len(cases), serious


def main() -> None:
    voices = yaml.safe_load((ROOT / "voices_encoded.yaml").read_text(encoding="utf-8"))
    dev = yaml.safe_load((ROOT / "dev_encoded.yaml").read_text(encoding="utf-8"))
    cases = [c for c in voices if in_part(c["id"], "tuning")] + dev
    print(f"{len(cases)} development texts (dev and the voices tuning part)")
    for name, rewrite in [("as written", lambda t: t), ("texting", texting), ("notes", notes)]:
        within, n, serious = score(cases, rewrite)
        print(f"{name:>11}: within {within}/{n}; serious under-triage {len(serious)} {serious}")
    for name, slip in [("typos", typos), ("dropped", slips)]:
        within_all, n_all, serious_all = 0, 0, 0
        for seed in range(1, 6):
            rnd = random.Random(seed)
            within, n, serious = score(cases, lambda t, rnd=rnd, slip=slip: slip(t, rnd))
            within_all, n_all, serious_all = within_all + within, n_all + n, serious_all + len(serious)
        print(f"{name:>11}: within {within_all}/{n_all} (5 seeds); serious under-triage {serious_all}")


if __name__ == "__main__":
    main()
