"""Stage 1b: a misspelt word the reader matches on is read as meant ("lnaded" is "landed",
"sweling" is "swelling", "stps" is "steps"). A word of four letters or more that is not a known
English word is replaced by a word one edit away among the words the reader looks for (two
letters swapped tried first, then a letter left out or added, then a letter changed: the single
errors of Damerau, "A technique for computer detection and correction of spelling errors", CACM
1964; the most frequent word wins within a kind; a letter left out, added or changed is never the
first, which typing rarely gets wrong, and a word of four letters is never changed by a changed
letter, as it is often an abbreviation). Frequent known words are never changed; a rare
one (the word lists hold many misspellings: "kiked", "moning") only by a swap, a letter left out
or a letter doubled. A dropped g ("givin", "killin") is read in full even though web text has made
the clipped form a known word. A misspelling with no pattern word one edit away is left as written. Reading
a misspelling as a pattern word can only make the reader find more, the safer error.

The known words are the English words of spaCy's lookup data (spacy-lookups-data, en_lexeme_prob):
the most frequent in knowledge/text/words.txt.gz, most frequent first (read for every text), the
rest of four letters or more in rare_words.txt.gz (read only when a correction is about to be made,
so that "squashy" or "clamber" stay as written). To rebuild both after upgrading
spacy-lookups-data: python -m kneecheck.understand._spelling"""

from __future__ import annotations

import gzip
import json
import re
import string
from functools import cache
from importlib import resources
from pathlib import Path

MIN_LENGTH = 4
MIN_LOG_PROB = -16.0  # words at least this frequent are read for every text (about 48,000)
WORD = re.compile(rf"(?<![\w'-])[a-z]{{{MIN_LENGTH},}}(?![\w'-])")  # not part of "couldn't", "x-ray"
_LETTERS = string.ascii_lowercase


def _path(name: str) -> Path:
    return Path(str(resources.files("kneecheck.knowledge"))) / "text" / name


@cache
def known_words() -> dict[str, int]:
    """Each frequent known word and its rank (0 is the most frequent)."""
    lines = gzip.decompress(_path("words.txt.gz").read_bytes()).decode("utf-8").split()
    return {word: rank for rank, word in enumerate(lines)}


@cache
def rare_words() -> frozenset[str]:
    """The other known words of five letters or more."""
    return frozenset(gzip.decompress(_path("rare_words.txt.gz").read_bytes()).decode("utf-8").split())


@cache
def pattern_words() -> frozenset[str]:
    """Every known word a concept pattern looks for: its own words, their inflections ("land" ->
    "landed", "landing"), and the words a prefix option stands for ("swell*" -> "swelling"); the
    words the lexicon and the normalisation rules write out; and the negations written without their
    apostrophe ("didnt")."""
    from kneecheck.understand._concepts import lemma_of, pattern_vocabulary

    exact, prefixes = pattern_vocabulary()
    # a short prefix stands for its inflections only ("kick*" -> "kicked"), a long one for every word it starts
    # (an inflection of a pattern word counts even where the lemma table reads that word as another's
    # form: "wound" is also the past of "wind", yet "wounds" is a pattern word)
    lemmas = {lemma_of(w) for w in exact} | set(exact) | {p for p in prefixes if len(p) < MIN_LENGTH}
    long_prefixes = sorted(re.escape(p) for p in prefixes if len(p) >= MIN_LENGTH)
    starts = re.compile("|".join(long_prefixes)) if long_prefixes else None
    found = {w for w in exact if len(w) >= MIN_LENGTH} | {"cannot"} | _lexicon_words()
    found |= {c.replace("'", "") for c in CONTRACTIONS if len(c) > MIN_LENGTH}  # "didnnt" is "didnt", a negation
    for word in known_words():
        if lemma_of(word) in lemmas or (starts is not None and starts.match(word)):
            found.add(word)
    return frozenset(found)


def _lexicon_words() -> set[str]:
    """The known words written out in the lexicon's and the normalisation rules' regular expressions
    ("erythema", "inflated")."""
    from kneecheck.understand._resources import text_resource

    lexicon = dict(text_resource("lexicon.yaml"))
    lists = lexicon.pop("lists")
    patterns = [p for entries in lexicon.values() for e in entries for p in e["patterns"]]
    patterns += [p for values in lists.values() for ps in values.values() for p in ps]
    patterns += [rule[0] for rule in text_resource("normalise.yaml")["rules"]]
    known = known_words()
    return {w for w in _written_words(patterns) if w in known}


def _written_words(patterns: list[str]) -> set[str]:
    """The words of four letters or more written out in regular expressions (not "\\b" or "\\w")."""
    return {w for p in patterns for w in re.findall(rf"[a-z]{{{MIN_LENGTH},}}", re.sub(r"\\[a-zA-Z]", " ", p))}


@cache
def _rule_words() -> frozenset[str]:
    """The words the normalisation rules read as written, known or not ("aint" -> "isn't",
    "painfull" -> "painful"): the rules, not the spelling stage, say what they mean."""
    from kneecheck.understand._resources import text_resource

    return frozenset(_written_words([rule[0] for rule in text_resource("normalise.yaml")["rules"]]))


def _edits(word: str) -> list[set[str]]:
    """The words one edit away, by how often typing makes the edit: two letters swapped first,
    then a letter left out or added, then a letter changed ("looes" is "loose", not "looks")."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    deletes_inserts = {a + b[1:] for a, b in splits if b} | {a + c + b for a, b in splits for c in _LETTERS}
    changes = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    return [swaps - {word}, deletes_inserts - {word}, changes - {word}]


def _doubled(word: str, shorter: str) -> bool:
    """True when `word` is `shorter` with one of its letters typed twice ("opeens", "opens")."""
    return any(word[:i] + word[i + 1 :] == shorter and word[i] == word[i - 1] for i in range(1, len(word)))


@cache
def correction(word: str) -> str | None:
    """The pattern word `word` was meant to be, or None to leave it as written."""
    known = known_words()
    targets = pattern_words()
    if word.endswith("in") and word + "g" in targets and word not in targets:
        return word + "g"  # a dropped g ("givin", "killin") is a known word of web text, yet meant as written in full
    if word in known or word in targets or word in _rule_words():
        return None
    for kind, edits in enumerate(_edits(word)):
        if kind == 2 and len(word) <= MIN_LENGTH:
            return None  # a short word with a letter changed is often an abbreviation ("SUFE" is not "sure")
        # a letter left out, added or changed is rarely the first one ("pyrexial" is not "apyrexial")
        candidates = [c for c in edits if c in targets and (kind == 0 or c[0] == word[0])]
        if candidates and word in rare_words():
            # a rare known word (often a misspelling itself: "kiked", "moning", "stps") is read as the
            # pattern word that two letters swapped, a letter left out or a letter doubled make
            # ("baldy" is "badly", "steeps" is "steps"); a changed or an added letter makes a word of
            # its own ("creaks", "breaks"; "squashy", "crackled")
            if kind == 2:
                return None
            candidates = [c for c in candidates if len(c) >= len(word) or _doubled(word, c)]
        if candidates:
            # a misspelling near a pattern word is read as it: the reader then finds more, never less;
            # near two, a warning sign's word wins over a more frequent one ("loked" is "locked" rather
            # than "looked"), the safer of two readings
            return min(candidates, key=lambda c: (not _warning_word(c), known.get(c, len(known)), c))
    return None


def _warning_word(word: str) -> bool:
    """Whether `word` alone is one of the fail-safe stage's warning words (knowledge/text/failsafe.yaml)."""
    from kneecheck.understand._failsafe import failsafe_policy

    return any(w.pattern.fullmatch(word) for w in failsafe_policy().words)


CONTRACTIONS = ("don't", "doesn't", "didn't", "can't", "couldn't", "won't", "wouldn't", "shouldn't", "isn't",
                "wasn't", "aren't", "weren't", "haven't", "hasn't", "hadn't")  # fmt: skip
CONTRACTION = re.compile(r"(?<![\w'])[a-z]{1,8}'[a-z]{1,3}(?![\w'])")


@cache
def contraction(word: str) -> str | None:
    """A negation with its apostrophe misplaced, two letters swapped or one left out or doubled
    ("do'nt", "coulnd't", "ca't"), as written right; None for any other word."""
    if word in CONTRACTIONS:
        return None
    letters = word.replace("'", "")
    swaps, deletes_inserts, _ = _edits(letters)
    near = {letters} | swaps | deletes_inserts
    return next((right for right in CONTRACTIONS if right.replace("'", "") in near), None)


def build(folder: Path | None = None) -> tuple[Path, Path]:
    """Write the known words from the installed spacy-lookups-data: the frequent ones most
    frequent first, the rare ones of four letters or more in alphabetical order."""
    import spacy_lookups_data  # type: ignore[import-untyped]

    source = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    prob: dict[str, float] = json.loads(gzip.decompress(source.read_bytes()))
    plain = [w for w in prob if w.isascii() and w.isalpha() and w.islower()]
    frequent = sorted((w for w in plain if prob[w] >= MIN_LOG_PROB), key=lambda w: (-prob[w], w))
    rare = sorted(w for w in plain if prob[w] < MIN_LOG_PROB and len(w) >= MIN_LENGTH)
    out = folder or _path("")
    paths = (out / "words.txt.gz", out / "rare_words.txt.gz")
    for path, words in zip(paths, (frequent, rare), strict=True):
        path.write_bytes(gzip.compress("\n".join(words).encode("utf-8"), mtime=0))
    return paths


if __name__ == "__main__":
    print(*build())
