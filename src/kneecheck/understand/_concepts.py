"""Stage 2b: concepts over lemmas. The patterns of knowledge/text/concepts.yaml are compiled to
spaCy Matcher rules and run on lemmas (a pattern's words are lemmatised the same way, so "sat"
meets "sit") with a blank English pipeline and lookup lemmas (spaCy's tokenizer and
the lemma tables of spacy-lookups-data, both shipped in their wheels: no model download)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from kneecheck.understand._resources import text_resource

# contraction halves and spellings the lookup table leaves alone
LEMMA_FIXES = {
    "ca": "can",
    "wo": "will",
    "nt": "not",
    "n't": "not",
    "sha": "shall",
    "cannot": "can",
    "swollen": "swell",
}


# "could not straighten it all the way without pain", "can't lift my leg without it hurting": an
# ability that hurts, not one that is lost. A lost-ability match followed in its clause by this is
# kept as a possibility (asked first), never as a definite loss or a definite "able".
LOST_ABILITY = {"can", "could", "able", "unable", "impossible", "incapable", "will", "would", "manage"}
WITHOUT_PAIN = re.compile(
    r"[^.;:!?\n]{0,60}?\bwithout (?:any |much |too much |some |a lot of |severe |bad |real )?"
    r"(?:pain|hurting|it hurting|discomfort|agony|wincing|crying)\b"
)
ONLY_AFTER_REACH = 200  # characters before a match in which `only_after` must be found: this or the last sentence


def _norm(token: Any) -> str:
    """What a token is matched as: its lemma ("swelled", "swollen" -> "swell"), lower case."""
    return LEMMA_FIXES.get(token.lower_) or str(token.lemma_).lower()


# a gap between a pattern's words never swallows a negation ("it has never locked")
GAP_STOPS = ["not", "never", "no", "without", "nothing", "none", "neither", "nor", "deny", "denies", "denied"]


@dataclass(frozen=True)
class ConceptRule:
    field: str
    value: str
    possible: bool
    unless_next: frozenset[str]
    unless_previous: frozenset[str]
    unless_preceded_by: frozenset[str]
    negated: str | None  # the value a negated mention gives, where it is not simply "no"
    overrides: bool = False  # a match sets aside other readings of the same field inside its words
    only_after: re.Pattern[str] | None = None  # counts only when this was said just before (what "it" is)
    doubt_still_counts: bool = False  # a suspicion of it is itself the warning ("I think ... open fracture")


@dataclass(frozen=True)
class ConceptHit:
    rule: ConceptRule
    start: int  # character offsets in the normalised text
    end: int
    painful_not_lost: bool = False  # "could not straighten it without pain": possible, asked first


def _token_test(words: list[str], lemma: Callable[[str], str], optional: bool) -> dict[str, Any]:
    prefixes = [o[:-1] for o in words if o.endswith("*")]
    exact = sorted({lemma(o) for o in words if not o.endswith("*")})
    parts = [re.escape(p) + r"\w*" for p in prefixes] + [re.escape(e) for e in exact]
    test: dict[str, Any] = {"NORM": {"REGEX": rf"^(?:{'|'.join(parts)})$"}} if prefixes else {"NORM": {"IN": exact}}
    if optional:
        test["OP"] = "?"
    return test


def word_options(word: str, macros: dict[str, str]) -> list[str]:
    """The options of one pattern word, macros expanded: "ABLE" -> "can", "could", ...; "swell*?" ->
    "swell*" (a trailing "?" marks the word optional; "=word" and "prefix*" keep their marks)."""
    optional = word.endswith("?") and len(word) > 1
    word = word.rstrip("?") if optional else word
    return [option for part in word.split("|") for option in macros.get(part, part).split("|")]


def pattern_vocabulary() -> tuple[set[str], set[str]]:
    """The words the concept patterns match on, and the prefixes of their "prefix*" options (what a
    misspelling is read toward, knowledge/text/concepts.yaml)."""
    data = text_resource("concepts.yaml")
    exact: set[str] = set()
    prefixes: set[str] = set()
    for entry in data["concepts"]:
        for pattern in _with_unable(entry["patterns"]):
            for word in pattern.split():
                if re.fullmatch(r"~\d+", word):
                    continue
                for option in word_options(word, data["macros"]):
                    option = option.removeprefix("=")
                    if option.endswith("*"):
                        prefixes.add(option[:-1])
                    elif option.isalpha():
                        exact.add(option)
    return exact, prefixes


def _variants(
    word: str, macros: dict[str, str], lemma: Callable[[str], str], split: Callable[[str], list[str]]
) -> list[list[dict[str, Any]]]:
    """The ways one pattern word may match: its options by lemma as one token; "=word" options by
    their written form (where the lemma table merges what must stay apart: "less" is "little",
    "confusing" is "confuse"); an option the tokenizer splits ("5-a-side", "cross-country") as
    the sequence of its tokens."""
    optional = word.endswith("?") and len(word) > 1
    options = word_options(word, macros)
    by_lemma, written, sequences = [], [], []
    for option in options:
        if option.startswith("="):
            written.append(option[1:])
            continue
        pieces = split(option) if not option.endswith("*") else [option]
        if len(pieces) == 2 and pieces[1] == "'s":  # "ober's" is Ober's test whether or not the 's is written
            pieces = pieces[:1]
        if len(pieces) == 1:
            by_lemma.append(pieces[0])
        elif optional:
            raise ValueError(f"concepts.yaml: an optional word cannot be several tokens: {option!r}")
        else:
            sequences.append([{"LOWER": piece.lower()} for piece in pieces])
    variants: list[list[dict[str, Any]]] = []
    if by_lemma:
        variants.append([_token_test(by_lemma, lemma, optional)])
    if written:
        variants.append([{"LOWER": {"IN": sorted(w.lower() for w in written)}, **({"OP": "?"} if optional else {})}])
    return variants + sequences


def compile_pattern(
    pattern: str,
    macros: dict[str, str],
    lemma: Callable[[str], str],
    split: Callable[[str], list[str]] = lambda word: [word],
) -> list[list[dict[str, Any]]]:
    """A pattern's Matcher rules: one per combination of its words' variants (usually one)."""
    rules: list[list[dict[str, Any]]] = [[]]
    for word in pattern.split():
        if re.fullmatch(r"~\d+", word):
            gap = {"IS_PUNCT": False, "NORM": {"NOT_IN": GAP_STOPS}, "OP": f"{{0,{word[1:]}}}"}
            rules = [[*rule, gap] for rule in rules]
        else:
            rules = [[*rule, *variant] for rule in rules for variant in _variants(word, macros, lemma, split)]
    return rules


@cache
def _pipeline() -> tuple[Any, Any, dict[str, ConceptRule]]:
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    data = text_resource("concepts.yaml")
    macros: dict[str, str] = data["macros"]
    matcher = Matcher(nlp.vocab)
    rules: dict[str, ConceptRule] = {}

    @cache
    def lemma(word: str) -> str:  # a pattern's word is compared lemma to lemma ("sat" meets "sit")
        return _norm(nlp(word)[0]) if " " not in word else word

    @cache
    def split(word: str) -> list[str]:  # (the same option recurs across patterns: tokenized once)
        return [t.text for t in nlp.tokenizer(word)]

    for number, entry in enumerate(data["concepts"]):
        rule = ConceptRule(
            field=entry["field"],
            value=str(entry["value"]),
            possible=bool(entry.get("possible", False)),
            doubt_still_counts=bool(entry.get("doubt_still_counts", False)),
            unless_next=frozenset(entry.get("unless_next", [])),
            negated=entry.get("negated"),
            unless_previous=frozenset(entry.get("unless_previous", [])),
            unless_preceded_by=frozenset(entry.get("unless_preceded_by", [])),
            overrides=bool(entry.get("overrides", False)),
            only_after=re.compile(entry["only_after"]) if entry.get("only_after") else None,
        )
        key = f"{rule.field}:{rule.value}:{number}"
        rules[key] = rule
        patterns = []
        for text in _with_unable(entry["patterns"]):
            for compiled in compile_pattern(text, macros, lemma, split):
                patterns.append(compiled)
                if entry.get("any_order") and len(compiled) > 1:
                    patterns.append([compiled[-1], *compiled[1:-1], compiled[0]])
        matcher.add(key, patterns)
    return nlp, matcher, rules


def _with_unable(patterns: list[str]) -> list[str]:
    """A lost ability is said as "can't X" or "unable to X", "not (been) able to X", "impossible to
    X": every pattern that starts with ABLE NOT is also read in those forms."""
    out = []
    for text in patterns:
        out.append(text)
        if text.startswith("ABLE NOT "):
            rest = text.removeprefix("ABLE NOT ").lstrip("~0123456789 ")
            out.append("unable|impossible|incapable ~1 " + rest)
            out.append("NOT be? able to ~1 " + rest)  # "has not been able to stand on it"
    return out


@cache
def _lemma_table() -> Any:
    return _pipeline()[0].get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


def lemma_of(word: str) -> str:
    """A single lower-case word's lemma, as the matcher sees it ("landed" -> "land")."""
    return LEMMA_FIXES.get(word) or str(_lemma_table().get(word, word))


# what `unless_next: ["A DISTANCE"]` looks for after a match: "0.5 miles", "a mile", "half a km"
DISTANCE = re.compile(
    r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|ten|half|half a|a few|more than \w+) ?"
    r"(?:miles?|mi|km|kms|kilometres?|kilometers?|k|metres?|meters?|m|yards?|blocks?)\b"
)


# what `unless_next: ["A TOUCH"]` looks for after a match: bedclothes or a touch too much to bear ("can't
# bear the duvet on it", "can't stand anything touching it"), not weight
TOUCH = re.compile(
    r"(?:(?:the|a|my) )?(?:duvet|sheets?|bedsheets?|covers|blankets?|bedclothes|quilt|clothes|trousers)\b"
    r"|(?:to|the) touch\b|anything (?:touching|on)\b"
)


def concept_rules() -> list[ConceptRule]:
    return list(_pipeline()[2].values())


def find_concepts(text: str) -> list[ConceptHit]:
    nlp, matcher, rules = _pipeline()
    doc = nlp(text)
    for token in doc:
        token.norm_ = _norm(token)
    hits = []
    for match_id, start, end in matcher(doc):
        rule = rules[nlp.vocab.strings[match_id]]
        following = " ".join(t.lower_ for t in doc[end : end + 4])
        if any(following == word or following.startswith(word + " ") for word in rule.unless_next):
            continue
        if "A DISTANCE" in rule.unless_next and DISTANCE.match(following):
            continue  # "unable to go 0.5 miles", "can't walk a mile": how far, not whether
        if "A TOUCH" in rule.unless_next and TOUCH.match(following):
            continue  # "can't bear the duvet on it": a touch too much to bear
        if "A NUMBER" in rule.unless_next and following[:1].isdigit():
            continue  # "have temperature 37.2": the number says whether, read on its own
        if start > 0 and doc[start - 1].lower_ in rule.unless_previous:
            continue
        if rule.unless_preceded_by & {t.norm_ for t in doc[max(0, start - 5) : start]}:
            continue
        if rule.only_after and not rule.only_after.search(
            text, max(0, doc[start].idx - ONLY_AFTER_REACH), doc[start].idx
        ):
            continue
        char_end = doc[end - 1].idx + len(doc[end - 1].text)
        lost = doc[start].norm_ in {"unable", "impossible", "incapable"} or (
            doc[start].norm_ in LOST_ABILITY and any(t.norm_ in {"not", "never", "no"} for t in doc[start:end])
        )
        painful = lost and bool(WITHOUT_PAIN.match(text, char_end))
        hits.append(ConceptHit(rule, doc[start].idx, char_end, painful))
    return hits


def preload() -> None:
    """Build the pipeline now (a server does this at start, not on the first request)."""
    _pipeline()
