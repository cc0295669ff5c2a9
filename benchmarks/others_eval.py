"""The free-text reader on texts nobody on the project wrote (benchmarks/others/manifest.yaml):
urgency within the acceptable set, serious under-triage (the least acceptable level was urgent or
emergency and the result is less), other under- and over-triage, by group and in all.

The words are others' and are not in the repository: give a YAML file of {id: text}.
Run: python benchmarks/others_eval.py TEXTS.yaml
     python benchmarks/others_eval.py TEXTS.yaml --rewritten   (also the serious cases rewritten as
     text_robustness.py rewrites the development texts: texting, letter swaps, dropped letters; 2 seeds)
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

import yaml
from text_robustness import slips, texting, typos

from kneecheck import assess_text

ORDER = ["self_care", "routine", "urgent", "emergency"]


def main() -> None:
    manifest = yaml.safe_load((Path(__file__).parent / "others" / "manifest.yaml").read_text(encoding="utf-8"))
    texts = yaml.safe_load(Path(sys.argv[1]).read_text(encoding="utf-8"))
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for case in manifest["cases"]:
        text = texts.get(case["id"])
        if text is None:
            groups[case["group"]]["missing"].append(case["id"])
            continue
        accept = case["acceptable"]
        least = min(accept, key=ORDER.index)
        got = assess_text(text).urgency
        tally = groups[case["group"]]
        tally["read"].append(case["id"])
        if got in accept:
            tally["within"].append(case["id"])
        elif ORDER.index(got) < ORDER.index(least):
            tally["serious" if least in ("urgent", "emergency") else "under"].append(f"{case['id']} ({got})")
        else:
            tally["over"].append(f"{case['id']} ({got})")
        if least in ("urgent", "emergency"):
            tally["serious cases"].append(case["id"])
    total: dict[str, int] = defaultdict(int)
    for name in sorted(groups):
        tally = groups[name]
        for key, ids in tally.items():
            total[key] += len(ids)
        print(f"{name}: {len(tally['within'])}/{len(tally['read'])} within; serious under-triage "
              f"{tally['serious'] or 0}; under {tally['under'] or 0}; over {tally['over'] or 0}"
              + (f"; no text for {tally['missing']}" if tally["missing"] else ""))  # fmt: skip
    print(f"all: {total['within']}/{total['read']} within the acceptable set; serious under-triage "
          f"{total['serious']} of {total['serious cases']} serious cases; other under {total['under']}; "
          f"over {total['over']}")  # fmt: skip
    if "--rewritten" in sys.argv:
        rewritten(manifest["cases"], texts)


def rewritten(cases: list[dict], texts: dict[str, str]) -> None:
    """Serious under-triage of the serious cases when their texts are rewritten."""
    serious = [
        c for c in cases if c["id"] in texts and min(c["acceptable"], key=ORDER.index) in ("urgent", "emergency")
    ]
    for name, rewrite in [("texting", lambda t, rnd: texting(t)), ("typos", typos), ("dropped", slips)]:
        missed = []
        for seed in (1, 2):
            rnd = random.Random(seed)
            for case in serious:
                least = min(case["acceptable"], key=ORDER.index)
                got = assess_text(rewrite(texts[case["id"]], rnd)).urgency
                if ORDER.index(got) < ORDER.index(least):
                    missed.append(f"{case['id']} ({got}, seed {seed})")
        print(f"{name:>8}: serious under-triage {len(missed)} of {2 * len(serious)} rewritten serious texts {missed}")


if __name__ == "__main__":
    main()
