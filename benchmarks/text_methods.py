"""Which text reader, measured: the same vignettes read by a keyword toy, by the previous reader
(regular-expression lexicon with NegEx-style scopes), by the present pipeline with each stage
taken out in turn, and with medspaCy's ConText (its default rules) in place of our context cues.

Run: pip install -e '.[bench]' && python benchmarks/text_methods.py
Figures per set (all with encoded answers, so finding precision/recall too): dev (60), the tuning
two thirds of voices.yaml (112) and its untouched third (48, ids ending in 0, 3 or 7: never tuned
on). Urgency counts as right when it is in the acceptable set; "serious" is an under-triage where
urgent or emergency was needed. A measurement, not a test: it prints figures and never fails.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

import kneecheck.understand._extract as extract
from kneecheck import Answers, assess
from kneecheck.evaluation import Vignette, finding_agreement, in_part, judge
from kneecheck.triage import Assessment, assess_read
from kneecheck.understand import understand
from kneecheck.understand._context import Scope

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "vignettes" / "dev_encoded.yaml"
VOICES = ROOT / "tests" / "vignettes" / "voices_encoded.yaml"
PREVIOUS_READER = "702884a"  # the last commit before the pipeline: lexicon + NegEx-style scopes

Reader = Callable[[str], tuple[Answers, Assessment]]


def full(text: str) -> tuple[Answers, Assessment]:
    read = understand(text)
    return read.answers, assess_read(read)


def without_fail_safe(text: str) -> tuple[Answers, Assessment]:
    read = understand(text)
    return read.answers, assess(read.answers)


def keyword_toy(text: str) -> tuple[Answers, Assessment]:
    """Three rules, as a baseline a reader must beat."""
    t = text.lower()
    if re.search(r"can'?t (?:walk|put weight|stand)|cannot (?:walk|bear weight)|out of place|numb", t):
        answers = Answers(can_bear_weight="no", how_it_started=["fall"])
    elif re.search(r"swell|swollen|gave way|locked|fever|hot|calf", t):
        answers = Answers(giving_way="yes")
    else:
        answers = Answers()
    return answers, assess(answers)


def previous_reader() -> Reader:
    """The reader as it was before this pipeline, loaded from git history."""
    folder = Path(tempfile.mkdtemp(prefix="kneecheck-previous-reader-"))
    for source, target in (("src/kneecheck/understand/_extract.py", "_extract.py"),
                           ("src/kneecheck/knowledge/lexicon.yaml", "lexicon.yaml")):  # fmt: skip
        blob = subprocess.run(["git", "show", f"{PREVIOUS_READER}:{source}"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        (folder / target).write_text(blob, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("previous_reader", folder / "_extract.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["previous_reader"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    cached = module._lexicon
    module._lexicon = lambda: cached(str(folder))

    def read(text: str) -> tuple[Answers, Assessment]:
        answers = module.understand(text).answers
        return answers, assess(answers)

    return read


@contextlib.contextmanager
def patched(target: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(target, name)
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, old)


def medspacy_scopes() -> Callable[[str], list[Scope]]:
    """medspaCy's ConText with its default rules, its modifiers turned into our scopes."""
    import spacy
    from medspacy.context import ConText  # noqa: F401  (registers the pipe)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("medspacy_context", config={"rules": "default"})
    categories = {"NEGATED_EXISTENCE": "negated", "POSSIBLE_EXISTENCE": "uncertain", "HISTORICAL": "historical",
                  "HYPOTHETICAL": "hypothetical", "FAMILY": "other_person"}  # fmt: skip

    def scopes(text: str) -> list[Scope]:
        doc = nlp(text)
        found = []
        for m in doc._.context_graph.modifiers:
            if m.category not in categories:
                continue
            cue, scope = doc[m.modifier_span[0] : m.modifier_span[1]], doc[m.scope_span[0] : m.scope_span[1]]
            found.append(Scope(categories[m.category], cue.start_char, cue.end_char, scope.start_char, scope.end_char))
        return found

    return scopes


def score(label: str, reader: Reader, sets: dict[str, list[Vignette]]) -> None:
    print(label)
    for name, vignettes in sets.items():
        tp = fp = fn = 0
        rows = []
        for v in vignettes:
            answers, result = reader(v.text or "")
            rows.append(judge(v, result))
            if v.answers is not None:
                a, b, c = finding_agreement(answers, v.answers)
                tp, fp, fn = tp + a, fp + b, fn + c
        n = len(rows)
        ok = sum(r.urgency_ok for r in rows) / n
        serious = sum(r.under_triage_serious for r in rows)
        over = sum(r.over_triage for r in rows)
        top3 = sum(r.top3_ok for r in rows) / n
        pr = f"{tp / (tp + fp):.2f} / {tp / (tp + fn):.2f}" if tp else "-"
        print(f"    {name:<18} {ok:>7.1%} {serious:>8d} {over:>5d} {top3:>7.1%}   {pr}")


def main() -> None:
    dev = [Vignette.model_validate(v) for v in yaml.safe_load(DEV.read_text())]
    voices = [Vignette.model_validate(v) for v in yaml.safe_load(VOICES.read_text())]
    sets = {
        "dev": dev,
        "voices-tuning": [v for v in voices if in_part(v.id, "tuning")],
        "voices-untouched": [v for v in voices if in_part(v.id, "untouched")],
    }
    print("    set                urgency  serious  over   top-3   findings P / R")
    score("keyword toy (three rules)", keyword_toy, sets)
    score("previous reader (lexicon + NegEx scopes)", previous_reader(), sets)
    score("pipeline, all stages", full, sets)
    score("  without the fail-safe", without_fail_safe, sets)
    with patched(extract, "find_concepts", lambda text: []):
        score("  without lemma concepts", full, sets)
    with patched(
        extract, "normalise", lambda text: extract.Normalised(text, text.lower(), tuple(range(len(text) + 1)))
    ):
        score("  without normalisation", full, sets)
    keep = {"negated", "negated_list", "uncertain"}
    real = extract.find_scopes
    with patched(extract, "find_scopes", lambda text: [s for s in real(text) if s.category in keep]):
        score("  negation and doubt only (no time/person)", full, sets)
    try:
        ours = medspacy_scopes()
    except ImportError:
        print("medspaCy is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return
    with patched(extract, "find_scopes", ours):
        score("  medspaCy ConText in place of our cues", full, sets)
        score("  medspaCy ConText, without the fail-safe", without_fail_safe, sets)


if __name__ == "__main__":
    main()
