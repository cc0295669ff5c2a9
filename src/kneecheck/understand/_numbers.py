"""Stage 4: numbers, each attached to what it measures: age, onset, temperature, weekly change,
shoe distance, pain score. Readers work on the normalised text ("3/7" is already "3 days", "44M"
is already "44 year old male") and return the value with its span, or None."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from kneecheck.understand._context import opens_years_ago, sentence_span
from kneecheck.understand._resources import text_resource

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
    "couple of": 2, "several": 3, "few": 3, "couple": 2, "a couple": 2,
}  # fmt: skip
NUMBER = (
    r"(\d+(?:\.\d+)?|a couple of|couple of|a couple|couple|a few|few|several|an|a|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
UNIT_HOURS = {"minute": 1 / 60, "hour": 1, "day": 24, "night": 24, "week": 168, "month": 730, "year": 8760}
UNIT = r"(minute|hour|day|night|week|month|year)s?"
PAIN_WORDS = re.compile(
    r"ache|aching|achy|pain|hurt|sore|swell|swollen|injur|twist|pop|happened|tender|stiff|"
    r"lump|knee|kneecap|fell|landed|since then|blocked|locked|presents with|complains of|crept|came on|limp|"
    # (not what a person started: "started a new job two months ago", "began training in May")
    r"(?:started|began)(?! (?:a|an|the|my|new|work|working|school|college|uni|training|running|to|doing|going|"
    r"playing|using|taking|at)\b)(?! (?:[\w-]+ ){0,2}(?:programme|program|plan|regime|routine|class|classes|course|"
    r"sessions|medication|medicine|tablets|pills|treatment)\b)|"  # "started depth-jump programme 1/52 ago"
    r"been like this|on and off|gradual"
)
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]  # fmt: skip
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# a number of years that is an age, a history or a habit, not how long this pain has lasted
# (or a time to heal: "an estimated 9 months recovery", "6 weeks of physio")
NOT_ONSET_AFTER = re.compile(
    r"^(?:-| )?(?:old|of age|ago|prior|later|of running|running|of (?:\w+ )?experience|"
    r"(?:of )?(?:recovery|rehab\w*|physio\w*|healing))\b"
)
NOT_ONSET_BEFORE = re.compile(r"(?:for|over) (?:the (?:last|past) )?$|sitting|\bsat\b|standing|\bdesk\b|every|each")

Reading = tuple[float, int, int]


def _number(word: str) -> float:
    return float(word) if word[0].isdigit() else float(WORD_NUMBERS[word])


def clause_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start))
    right_candidates = [i for i in (text.find(".", end), text.find(";", end)) if i != -1]
    return text[left + 1 : min(right_candidates) if right_candidates else len(text)]


def _is_age_or_history(text: str, m: re.Match[str]) -> bool:
    after = text[m.end() : m.end() + 30]
    return bool(re.match(r"^[- ]?(?:old|of age)\b", after)) or bool(
        re.search(r"\b(?:aged?|am|i'?m|she'?s|he'?s|is|was|age of)\s*$", text[max(0, m.start() - 8) : m.start()])
        and m.group(2).startswith("year")
    )


# a time still to come is not an onset: "a race in 3 weeks", "I will know in around 3-6 weeks",
# "physio in 2 weeks' time", "another 2 weeks"
FUTURE_BEFORE = re.compile(
    r"\b(?:in|within|another|next|the next|the coming|coming)\s+(?:about |around |roughly |approximately |another )?"
    r"(?:\d+\s?(?:-|to|or)\s?)?$"
)
FUTURE_AFTER = re.compile(r"^(?:'s|s')? time\b")


def _is_future(text: str, m: re.Match[str]) -> bool:
    return bool(FUTURE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or FUTURE_AFTER.match(text[m.end() :]))


HABIT = re.compile(
    r"\b(?:run|runs|running|ran|jog\w*|cycl\w*|bik(?:e|es|ing)|rid(?:e|es|ing)|train(?:s|ing|ed)?|swim\w*|"
    r"walk(?:s|ing|ed)?|play(?:s|ing|ed)?|lift(?:s|ing|ed)?|danc\w*|ski(?:s|ing)?|climb\w*|hik\w*|doing|"
    r"runner|walker|cyclist|player|dancer|member|5ks?|10ks?|marathons?)\b"
)

# what a person does every week, in the present tense ("I do a bit of wrestling at the weekend")
HABIT_NOW = re.compile(
    r"\b(?:i|we|he|she|they) (?:also |usually |normally |still |often )?"
    r"(?:do|does|play|plays|go|goes|ride|rides|run|runs|train|trains|race|races|compete|competes|coach|coaches)\b"
)


# a visit said with "today" in a clinician's note ("presents to the clinic today", "seen in clinic today")
VISIT_TODAY = re.compile(
    r"\b(?:presents?|presented|presenting|seen|is here|comes in|came in|attends|attended|reviewed|evaluated)"
    r"(?: (?:to|in|at) (?:the |our )?(?:clinic|office|surgery|department|ed|a&e|practice))?\s*$"
)


SEEN_LATER = re.compile(
    r"\b(?:presents?|presented|presenting|seen|came|comes|went|attends|attended|admitted|referred|reviewed|"
    r"evaluated|now|today|here|still)\b[^.]*$|^\s*$"
)


def _clause_before(text: str, start: int) -> str:
    """The words of the clause before `start`, up to 45 characters back."""
    return re.split(r"[.;!?,()]| and | but | - | – ", text[max(0, start - 45) : start])[-1]


def _is_habit(text: str, start: int) -> bool:
    """A duration said of an activity ("running 5ks for several years", "a runner for ten years"),
    with no pain word between the activity and the duration: how long a habit has lasted."""
    before = _clause_before(text, start)
    return HABIT.search(before) is not None and not PAIN_WORDS.search(before)


COMPLAINT_NEXT = re.compile(
    r" (?:of )?(?:(?:left|right|l|r|both|bilateral|medial|lateral|anterior) )*(?:knee|pain|ache|swelling)\b"
)
"""What follows a duration that is the complaint's own length, not a habit's ("6 weeks left knee pain")."""

INJURED_IN = re.compile(
    r"\b(?:injur\w*|twist\w*|fell|fall|tore|torn|sprain\w*|pop\w*|hurt|landed|crash\w*|slipped|tripped|tackled|kicked|collided)\b"
)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")


def _numeric_date(m: re.Match[str], today: date) -> date | None:
    first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000 if year <= today.year % 100 else 1900
    month, day = (first, second) if first <= 12 else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        return None


_WEEKDAY = "|".join(DAYS)
TODAY_NAMED = re.compile(
    rf"\btoday,? \(?(?:is |being )?({_WEEKDAY})\b|\b(?:now|and now) (?:it'?s|its|it is) ({_WEEKDAY})\b"
    rf"|\bit'?s (?:now )?({_WEEKDAY}) (?:today|now)\b"
)
"""Today's weekday as the text says it ("Today (Monday) she says ...", "now its monday")."""


def text_today(text: str, today: date) -> date:
    """The day a text was written on, as it says ("Today (Monday)"): the latest such weekday on or
    before `today`; `today` when the text names no weekday for today. A weekday in the text ("since
    Saturday") then counts back from the day it was written, not from the day it is read."""
    m = TODAY_NAMED.search(text)
    if m is None:
        return today
    named = DAYS.index(next(g for g in m.groups() if g))
    return today - timedelta(days=(today.weekday() - named) % 7)


NEAR_INJURY = 60  # characters either side of a date that its injury is said within (a note's clause can run on)
FRESH_INJURY_HOURS = 72.0
LONG_COMPLAINT_HOURS = 336.0
SINCE = re.compile(r"\bsince (?:(?:last|this|early|late) )?$")
"""A time said with "since" is when what follows began ("since yesterday the whole knee has blown up")."""


def _since(text: str, start: int) -> bool:
    return SINCE.search(text, max(0, start - 12), start) is not None or text.startswith("since", start)


DATED, SAID_WHEN = 1, 2  # read_onset's preference for a day named ("on Monday") and a time said ("last night")
NOT_BEFORE = re.compile(r"\b(?:not|never|no|didn'?t|did not|haven'?t|hasn'?t|wasn'?t|without)\W+(?:\w+\W+)?$")


def _injury_in(text: str, start: int, end: int) -> bool:
    """Whether the clause of a date says an injury, not denied ("this afternoon he slipped on wet
    grass"; not "a spin class on Monday", "Last Sunday I knelt on the path", "I didn't hurt them")."""
    clause = clause_around(text, start, end)
    at = clause.find(text[start:end])
    near = clause[max(0, at - NEAR_INJURY) : at + (end - start) + NEAR_INJURY] if at >= 0 else clause
    return any(not NOT_BEFORE.search(near[: m.start()]) for m in INJURED_IN.finditer(near))


STIFF_EPISODE = re.compile(r"\bstiff\w*(?: \w+){0,3} $")
"""A stiffness said to last a while ("stiff for an hour in the morning") is an episode's length."""


def read_onset(text: str, today: date) -> Reading | None:
    candidates: list[tuple[int, float, int, int]] = []  # (preference, hours, start, end)
    for m in re.finditer(
        rf"\b(?:for|over) (?:about |around |roughly |nearly |almost |over |the (?:last|past) )*"
        rf"(?:\d+ ?(?:-|to|or) ?)?{NUMBER} {UNIT}\b",  # "for 2 to 3 weeks": the longer
        text,
    ):
        # "stiff for ten minutes" is how long an episode lasts, not how long the problem has;
        # "I have been running for 2 years" is how long a habit has
        age = re.match(r"^ (?:old|of age)\b", text[m.end() : m.end() + 8])
        # "stiff for an hour in the morning": how long an episode lasts
        episode = m.group(2) == "hour" and STIFF_EPISODE.search(text, max(0, m.start() - 30), m.start())
        if m.group(2) != "minute" and not age and not episode and not _is_habit(text, m.start()):
            candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    # "been going on about a month", "about a week now", "it has been a month": a length said without "for"
    for m in re.finditer(
        rf"\b(?:going on|about|around|roughly|nearly|almost|(?:it'?s|it has|has) been) (?:about |around )?"
        rf"(a|an|one) {UNIT}\b(?! ?(?:ago|later|before|after|time))",
        text,
    ):
        if m.group(2) != "minute" and not _is_habit(text, m.start()) and not _is_future(text, m):
            candidates.append((2, UNIT_HOURS[m.group(2)], m.start(), m.end()))
    # "the last 5 months I have had pain", said without "for"
    for m in re.finditer(rf"(?<!for )(?<!over )\bthe (?:last|past) {NUMBER} {UNIT}\b", text):
        if m.group(2) != "minute" and not _is_habit(text, m.start()):
            candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    # "a 1-month history of knee pain", "a 3 week history": how long the complaint has lasted
    for m in re.finditer(rf"\b{NUMBER}[- ]{UNIT}[- ]history\b", text):
        if m.group(2) != "minute":
            candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    # "a week ago", "one month before." (said as "ago": "before" only where the sentence ends)
    for m in re.finditer(
        rf"\b(?:about |around )?{NUMBER}(?P<half_before> and a half)? {UNIT}( and a half)? "
        rf"(?:ago|prior|back|before(?= *(?:[,.;!?]|and\b|$)))\b",
        text,
    ):
        if m.group(3) != "year":  # "tore it 5 years ago" ("prior") is history, not this pain's onset
            # "a week and a half ago", "two and a half weeks ago"
            count = _number(m.group(1)) + (0.5 if m.group(4) or m.group("half_before") else 0)
            candidates.append((0, count * UNIT_HOURS[m.group(3)], m.start(), m.end()))
    for m in re.finditer(
        rf"\b(?:it'?s been|that was|it happened|injury|presents with|complains of) (?:about )?{NUMBER} {UNIT}\b"
        r"(?! (?:ago|prior))",  # "an injury 5 years ago" is read by the "ago" rule (and years ago are history)
        text,
    ):
        candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    for m in re.finditer(rf"\b(\d+(?:\.\d+)?) ?{UNIT}\b", text):  # a bare "3 days"
        if NOT_ONSET_AFTER.match(text[m.end() : m.end() + 30]) or _is_age_or_history(text, m) or m.group(2) == "minute":
            continue
        # "runner 6 weeks left knee pain" (a note without its commas): the complaint's length follows
        if (_is_habit(text, m.start()) and not COMPLAINT_NEXT.match(text, m.end())) or _is_future(text, m):
            continue
        candidates.append((3, float(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    for m in re.finditer(
        rf"\b(a couple of|couple of|a few|several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) {UNIT}\b",
        text,
    ):
        habit = NOT_ONSET_AFTER.match(text[m.end() : m.end() + 30]) or _is_habit(text, m.start()) or _is_future(text, m)
        if m.group(2) != "minute" and not habit:
            candidates.append((3, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    # a day of the month, the last one before today ("it happened on the 20th")
    for m in re.finditer(r"\bon the (\d{1,2})(?:st|nd|rd|th)\b(?! of)", text):
        of_month = int(m.group(1))
        if 1 <= of_month <= 31:
            back = today.day - of_month if of_month <= today.day else today.day + 30 - of_month
            candidates.append((1, max(24.0, back * 24.0), m.start(), m.end()))
    # a date as notes write it ("knee pain since 03/10/03", "on 12/22/2007"): month first unless the
    # first number cannot be a month; only a date before today counts
    for m in NUMERIC_DATE.finditer(text):
        when = _numeric_date(m, today)
        if when is not None and when < today:
            candidates.append((1, max(24.0, (today - when).days * 24.0), m.start(), m.end()))
    # a holiday: the last one before today ("slipped on ice before Christmas", "since the new year")
    for m in re.finditer(r"\b(?:since|before|after|over|at|around) (?:the )?(christmas|xmas|new year)\b", text):
        holiday = date(today.year, 12, 25) if m.group(1) in ("christmas", "xmas") else date(today.year, 1, 1)
        if holiday > today:
            holiday = holiday.replace(year=today.year - 1)
        candidates.append((1, max(24.0, (today - holiday).days * 24.0), m.start(), m.end()))
    for m in re.finditer(r"\b(since|back in|in) (?:early |late |mid[- ]?)?(" + "|".join(MONTHS) + r")\b(?! \d)", text):
        # "in August" dates an injury told just before it ("twisted it on a trampoline in late August") or
        # just after it, opening its sentence ("In February, I injured my knee playing football")
        told_after = re.match(r"[ ,]+(?:i |we |he |she |my |our |his |her )?[^.;]{0,30}", text[m.end() : m.end() + 40])
        opens = re.search(r"(?:^|[.!?;]\s*)$", text[max(0, m.start() - 3) : m.start()]) is not None
        if m.group(1) == "in" and not (
            INJURED_IN.search(text, max(0, m.start() - 60), m.start())
            or (opens and told_after and INJURED_IN.search(told_after.group()))
        ):
            continue
        back = (today.month - MONTHS.index(m.group(2)) - 1) % 12 or 12
        candidates.append((1, back * UNIT_HOURS["month"], m.start(), m.end()))
    # "presented 3 days later", "now, two weeks later": the time since it began; in a story ("I trained 2
    # days later") it is a time between two past events and says nothing of now
    for m in re.finditer(rf"\b{NUMBER} {UNIT} later\b", text):
        if SEEN_LATER.search(_clause_before(text, m.start())):
            candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    fixed = {
        r"this morning|this afternoon|this arvo|this evening|tonight|earlier today|today|an hour ago|just now"
        r"|minutes ago": 6.0,
        r"last night|overnight": 12.0,
        r"(?:since )?the day before yesterday": 48.0,
        r"since yesterday|(?<!before )yesterday|(?:over )?the (?:past|last) day": 24.0,
        r"last week|past week|over the past week|the other day": 168.0,
        r"last weekend|at the weekend|on the weekend|since the weekend|over the weekend": 96.0,
        r"(?:over )?the (?:past|last) year": 8760.0,
        r"(?:over )?the (?:past|last) month": 730.0,
        r"last month": 730.0,
        r"the week before last": 240.0,
        r"this week": 96.0,
    }
    for pattern, hours in fixed.items():
        for m in re.finditer(rf"\b(?:{pattern})\b", text):
            if "weekend" in m.group() and HABIT_NOW.search(_clause_before(text, m.start())):
                continue  # "I do a bit of wrestling at the weekend": when, every week, not since when
            if VISIT_TODAY.search(_clause_before(text, m.start())):
                continue  # "presents to the clinic today": when the note was written, not since when
            candidates.append((2, hours, m.start(), m.end()))
    # a length said without a number ("bad for years", "on and off for months"): at least that long
    vague = {
        r"(?:for|over|throughout) (?:many |several |some |a few |the )?years|for (?:donkey'?s|yonks)"
        r"|for (?:a )?(?:very )?long time": 17520.0,
        r"(?:for|over) (?:many |several |some |a few |the )?months|for ages": 2190.0,
        r"over (?:several |some |a few |the )?weeks": 504.0,  # "gradual worsening over weeks"
        # "these past few months", "over the last couple of weeks"
        r"(?:these|the) (?:past|last) (?:few|couple of|several) years": 17520.0,
        r"(?:these|the) (?:past|last) (?:few|couple of|several) months": 2190.0,
        r"(?:these|the) (?:past|last) (?:few|couple of|several) weeks": 504.0,
        r"(?:these|the) (?:past|last) (?:few|couple of|several) days": 72.0,
    }
    for pattern, hours in vague.items():
        for m in re.finditer(rf"\b(?:{pattern})\b", text):
            if not _is_habit(text, m.start()):
                candidates.append((4, hours, m.start(), m.end()))  # any stated time is nearer the pain
    # "on Saturday", "since Monday", "at Saturday's match"
    for m in re.finditer(
        rf"\b(?:since|on|last) ({_WEEKDAY})\b|\b({_WEEKDAY})'s (?:match|game|run|race|session|training|class|"
        r"practice|parkrun|fixture|tournament|league|ride|hike)\b",
        text,
    ):
        back = (today.weekday() - DAYS.index(m.group(1) or m.group(2))) % 7 or 7
        candidates.append((1, back * 24.0, m.start(), m.end()))
    # "after sitting at my desk for an hour" is how long a position lasts, not how long the pain has
    position = re.compile(r"sitting|\bsat\b|standing|\bdesk\b|\bflights?\b|\bdrive\b|\bdrove\b|\bplane\b")
    candidates = [c for c in candidates if not position.search(text[max(0, c[2] - 30) : c[2]])]
    # "Today (Monday) ..." says when the text was written, not since when
    written = [(m.start(), m.end()) for m in TODAY_NAMED.finditer(text)]
    candidates = [c for c in candidates if not any(a <= c[2] < b for a, b in written)]
    relevant = [c for c in candidates if PAIN_WORDS.search(clause_around(text, c[2], c[3]))]
    pool = relevant or candidates
    if not pool:
        return None
    pool.sort(key=lambda c: (c[0], c[2]))
    preference, hours, start, end = pool[0]
    # what began "since" a day after something done on a day ("a spin class on Monday ... since yesterday
    # the fronts of my thighs are sore"): the pain's own start, when no injury dates the first
    since = [c for c in candidates if _since(text, c[2]) and c[1] < hours]
    if since and preference == DATED and not _since(text, start) and not _injury_in(text, start, end):
        _, hours, start, end = min(since, key=lambda c: c[2])
    # a new injury in the last days on top of a complaint of weeks ("sore for a few weeks ... this
    # afternoon he slipped and now cannot put weight on it"): the injury starts what is asked about now
    fresh = [
        c
        for c in candidates
        if c[0] in (DATED, SAID_WHEN) and c[1] <= FRESH_INJURY_HOURS and _injury_in(text, c[2], c[3])
    ]
    if hours > LONG_COMPLAINT_HOURS and fresh:
        _, hours, start, end = min(fresh, key=lambda c: c[2])
    return hours, start, end


STIFF_AMOUNT = r"\d{1,3}|a few|few|five|ten|fifteen|twenty|thirty|forty(?:-five)?|sixty|half an|an|a"
STIFF_FOR = re.compile(
    r"\bstiff\w*\b[^.;]{0,50}?\b(?:(?:~|about|around|for|perhaps|maybe|roughly|approx|approximately|nearly|over|"
    rf"under|less than|more than|a good) ?)*({STIFF_AMOUNT})(?: ?(?:-|to) ?\d{{1,3}})? ?(min\w*|hours?|hrs?)\b"
    rf"|\b({STIFF_AMOUNT}) ?(min\w*|hours?|hrs?) (?:of )?(?:morning |am )?stiff\w*"
)
MORNING = re.compile(r"morning|on rising|out of bed|first thing|\bam\b|waking|wake|get up|getting up")


def _amount(word: str) -> float:
    """A number of minutes or hours as said: "20", "ten", "forty-five", "half an"."""
    if word[0].isdigit():
        return float(word)
    if word == "half an":
        return 0.5
    if "-" in word:
        tens, unit = word.split("-")
        return float(_tens(tens, unit))
    return float(WORD_NUMBERS.get(word) or TEENS.get(word) or TENS[word])


def read_morning_stiffness(text: str) -> tuple[str, int, int] | None:
    """How long the knee is stiff in the morning, said with its minutes ("stiff for ten minutes in the
    morning", "AM stiffness ~20 min", "stiff for perhaps twenty minutes on rising"): under or over 30."""
    for m in STIFF_FOR.finditer(text):
        start, end = sentence_span(text, m.start())
        if not MORNING.search(text, start, end):
            continue
        amount, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        minutes = _amount(amount) * (60 if unit.startswith("h") else 1)
        return ("over_30_min" if minutes >= 30 else "under_30_min"), m.start(), m.end()
    return None


NOT_A_MEASURE = (
    r"(?! ?(?:km|kg|%|minutes|hours|days|weeks|months|miles|k\b|'|′|ft\b|feet|foot|inch|\"|cm|m\b|st\b|stone|lb))"
)
"""What follows a number that is not an age: a distance, a weight, a height ("he is 6' 2\"")."""


TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
WORD_AGE = re.compile(
    rf"\b(?:i'?m|i am|aged?|age:?|turned|just turned) ({'|'.join(TENS)})(?:[- ]({'|'.join(UNITS)}))?\b"
    # or said on its own to open a sentence ("Sixty-two and still playing tennis.", "Fifty-eight, fit")
    rf"|(?:^|[.!\n] *)({'|'.join(TENS)})(?:[- ]({'|'.join(UNITS)}))?(?=,| and\b|\.)"
)
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
WORD_YEARS = "|".join([*TEENS, *UNITS])
# "a twelve-year-old", "Twelve year old", "my son is fourteen," (a word-number age said as a number is)
WORD_YEARS_OLD = re.compile(
    rf"\b(?:({'|'.join(TENS)})(?:[- ]({'|'.join(UNITS)}))?|({WORD_YEARS}))[- ]years?[- ]old\b"
    rf"|\b(?:son|daughter|boy|girl|child|kid|lad|teenager)(?:'s| is| was|,| of)? (?:aged? )?"
    rf"({WORD_YEARS})(?=[,.;]| and\b| has\b| had\b| is\b| was\b| with\b| this year\b|$)"
)


def _tens(tens: str, unit: str | None) -> int:
    """ "forty", "five" -> 45."""
    return TENS[tens] + (UNITS[unit] if unit else 0)


def _word_age(m: re.Match[str]) -> int:
    if m.group(1):
        return _tens(m.group(1), m.group(2))
    word = m.group(3) or m.group(4)
    return TEENS.get(word) or UNITS[word]


DECADES = {word[:-1] + "ies": tens for word, tens in TENS.items()}  # "seventies": 70
DECADE = re.compile(
    # "a man in his 60s", "I'm in my seventies" (not "skiing in my thirties": a time of life)
    rf"\b(?:in (?:his|her|their)|(?:i'?m|i am|im|now|currently) in my) (?:(early|mid|late)[- ])?"
    rf"(?:([1-9])0'?s|({'|'.join(DECADES)}))\b"
)
SCHOOL_YEAR = re.compile(
    r"\b(?:year|yr|grade) ([1-9]|1[0-3]) (?:pupil|student|child|boy|girl|kid|footballer|player)s?\b"
    r"|\b(?:is|he's|she's|i'm|i am|he is|she is|who's) (?:in )?(?:year|yr|grade) ([1-9]|1[0-3])\b"
)
DECADE_PART = {None: 0, "early": 2, "mid": 5, "late": 7}
"""Where in a decade an age said so falls: "in my late fifties" is 57, "mid-fifties" 55."""
TEENAGER = re.compile(r"(?<!was a )(?<!as a )(?<!were )\b(?:teenage|teenaged|teenager|adolescent)\b")
"""A teenager said so, with no number ("my teenage daughter"; not "since I was a teenager")."""
OLDER_ADULT = re.compile(
    r"\b(?:elderly|pensioner|oap|senior citizen|older (?:man|woman|lady|gentleman|patient|person|adult))\b"
)


def _words_of(m: re.Match[str]) -> tuple[int, int]:
    """Where an age's own words are: its match without the sentence break it was found after."""
    return m.end() - len(m.group().lstrip(".! \n")), m.end()


def read_age(text: str, today: date) -> Reading | None:
    m = WORD_AGE.search(text)  # "I'm forty-five"
    if m:
        tens, units = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return _tens(tens, units), *_words_of(m)
    m = WORD_YEARS_OLD.search(text)
    if m and not re.search(r"\d{1,3}[- ]years?[- ]old", text):  # a figure, where given, is the age
        return _word_age(m), m.start(), m.end()
    # a small child's age in months ("a 17-month-old girl", "my 14 month old"): the years it makes,
    # at least one (the answer counts whole years from 1)
    m = re.search(
        r"\b(?:an?|my|our|the|his|her|their|is|was) (\d{1,2})[- ]months?[- ]old\b"
        r"(?! (?:injury|injuries|pain|tear|sprain|problem|knee|scan|shoes|trainers|brace|operation|surgery|fracture))",
        text,
    )
    if m and not re.search(r"\d{1,3}[- ]years?[- ]old", text):
        return max(1, int(m.group(1)) // 12), m.start(), m.end()
    # a school year ("a Year 4 pupil", "she's in year 9", "a grade 3 student"): the age most in it,
    # its number and five (England's Year 4 and the US grade 3 are eight to nine)
    m = SCHOOL_YEAR.search(text)
    if m:
        return int(m.group(1) or m.group(2)) + 5, m.start(), m.end()
    # "2 and a half-year-old", "a 2½ year old": the whole years
    m = re.search(r"\b(\d{1,2})(?: and a half|½|\.5)[- ]years?[- ]old\b", text)
    if m:
        return int(m.group(1)), m.start(), m.end()
    for pattern in (
        r"\b(\d{1,3})[- ]years?[- ]old\b",
        r"\b(\d{1,3})[- ]year[- ]old\b",
        r"\b(?:i'?m|i am) (?:an? )?(\d{1,3})\b(?! ?(?:km|kg|%|minutes|hours|days|weeks|months|miles|k\b))",
        r"\b(?:aged?|age:?) (\d{1,3})\b",
        r"\((\d{1,2})\)",  # "my daughter (10)"
        r"\b(?:son|daughter|boy|girl|child|kid|lad|teenager|patient)(?:'s| is| was|,)? (?:aged? )?(\d{1,2})\b"
        + NOT_A_MEASURE,
        rf"\b(?:she|he)(?:'s| is) (\d{{1,3}})\b{NOT_A_MEASURE}",
        # "our Kieran's 12", "my eldest is 9": a child named and an age, not a score or a size
        r"\b(?:our|my) (?:little |eldest |youngest |oldest )?(?!knee|pain|leg|score|run|temp|weight|height|bmi|mile|"
        r"distance|pace|time|heart|pulse|hr\b|bp\b|sat|number|size|shoe|dog|cat\b|car\b|bike|week|day|age\b)[a-z]+"
        r"(?:'s| is),? (\d{1,2})\b(?! ?(?:/|out of|times|x\b))" + NOT_A_MEASURE,
        r"\b(\d{1,2}),? (?:bloke|lad|chap|fella|man|guy|male|woman|lass|lady|female|girl|boy)\b",  # "26, bloke"
        # "my nephew, Leo, then 13, came limping" (or without its commas, as texts are typed)
        r"\b(?:then|now) (\d{1,2})"
        r"(?=,| years| yrs| (?:and|came|was|had|got|went|started|began|fell|hurt|injured|twisted)\b)",
        r"\bis (\d{1,2}) this year\b",  # "Joel is 4 this year"
        # "Mum's 82", "dad is 79", "my nan's 90" (a parent's or grandparent's age, said without "my")
        r"\b(?:mum|mom|mam|mummy|mother|dad|father|nan|nana|gran|granny|grandma|grandad|grandpa|grandmother|grandfather)"
        r"(?:'s| is) (\d{2,3})\b" + NOT_A_MEASURE,
        # an age reached ("I turned 60 last month", "just hit 57", "being 63 I worry")
        r"\b(?:turned|hit|being) (\d{2})\b(?! ?(?:degrees|°|bpm|reps|sets|mph|kph|mins?|secs?|times|x\b|/))"
        + NOT_A_MEASURE,
        # a figure set off by commas after a person ("retired postman, 66, tripped", "me, 34, and my knee";
        # not a list of figures, "squats, 20, then lunges")
        r"\b(?:man|woman|lady|gentleman|guy|bloke|chap|lad|lass|girl|boy|patient|runner|player|athlete|client|"
        r"mum|mom|dad|wife|husband|partner|friend|mate|son|daughter|postman|builder|nurse|teacher|farmer|worker|"
        r"walker|cyclist|golfer|footballer|grandmother|grandfather|grandma|grandad|me|myself|here), (\d{2}),(?! ?\d)",
        # a two-figure number said on its own at a sentence's start ("... ended up on the floor. 80.",
        # "64, walking, bruised.", "41, if that helps"): the writer's age, as forms and posts give it
        # (not after a question, "Temp? 39.", nor a list of figures, "10, 20, 30", nor a numbered line, "12. Squats")
        # (nor the decimals of a reading, "37.95, ")
        r"(?:(?<!\d)[.!] *(\d{2})(?:\.(?=\s|$)|,(?!\s*\d))|(?:^|\n) *(\d{2}),(?!\s*\d))",
    ):
        # an age in a sentence that opens years ago is the age then ("Twenty years ago, at age 16, I ...")
        m = next((m for m in re.finditer(pattern, text) if not opens_years_ago(text, m.start(), today)), None)
        figure = m and next(g for g in m.groups() if g)
        if m and figure and int(figure) >= 1:  # an implausible age is refused later, with a note
            return int(figure), *_words_of(m)
    # "in her 70s", "in his eighties": the decade's first year, or where in it ("late fifties" 57)
    m = DECADE.search(text)
    if m:
        decade = int(m.group(2)) * 10 if m.group(2) else DECADES[m.group(3)]
        return decade + DECADE_PART[m.group(1)], m.start(), m.end()
    # "an elderly patient", "my elderly mum", "a pensioner": an older adult with no number given
    m = OLDER_ADULT.search(text)
    if m:
        return int(text_resource("numbers.yaml")["older_adult_age"]), m.start(), m.end()
    m = TEENAGER.search(text)
    if m:
        return int(text_resource("numbers.yaml")["teenager_age"]), m.start(), m.end()
    return None


OWN_WATCH = re.compile(r"\b(?:my|max|maximum|average|avg|peak) (?:max |average |avg |peak )?$")
"""A writer's own heart rate ("my heart rate was 165", "average heart rate 158") is a watch's reading
during exercise, not a note's."""

WORKOUT_READING = re.compile(r" ?(?:bpm|beats)? ?(?:avg|average|max|maximum|peak)\b")
"""A heart rate given as a session's average or peak ("heart rate 158 avg") is a watch's reading."""

WORKOUT_CLAUSE = re.compile(
    r"\b(?:ran|run|runs|running|jog\w*|rode|ride|cycling|intervals|tempo|workout|km|miles?|pace|splits?|strava)\b"
    r"|\b\d+(?:\.\d+)? ?(?:km|k|mi)\b"
)
"""A heart rate in the same clause as a run's distance or pace ("ran 8km, heart rate 158") is a watch's."""


def _own_watch(text: str, start: int, end: int) -> bool:
    """Whether the heart rate at start-end is a reading from exercise, not a measured sign at rest."""
    if OWN_WATCH.search(text, max(0, start - 12), start) or WORKOUT_READING.match(text, end):
        return True
    clause_start = max(text.rfind(c, 0, start) for c in ".;!?\n") + 1
    clause_end = min((i for i in (text.find(c, end) for c in ".;!?\n") if i >= 0), default=len(text))
    return bool(WORKOUT_CLAUSE.search(text, clause_start, clause_end))


def read_sepsis_vitals(text: str, _: date) -> Reading | None:
    """A measured heart rate, blood pressure or breathing rate at a high-risk level of the NICE sepsis
    guideline, as a "yes" (1) to the sepsis signs question (thresholds in knowledge/text/numbers.yaml)."""
    limits = text_resource("numbers.yaml")
    for m in re.finditer(r"\bheart rate (\d{2,3})\b", text):
        if int(m.group(1)) > int(limits["sepsis_heart_rate_over"]) and not _own_watch(text, m.start(), m.end()):
            return 1.0, m.start(), m.end()
    for m in re.finditer(r"\bblood pressure (\d{2,3})/\d{2,3}\b", text):
        if int(m.group(1)) <= int(limits["sepsis_systolic_at_or_under"]):
            return 1.0, m.start(), m.end()
    for m in re.finditer(r"\brespiratory rate (\d{1,2})\b", text):
        if int(m.group(1)) >= int(limits["sepsis_respiratory_rate_at_or_over"]):
            return 1.0, m.start(), m.end()
    return None


def read_low_oxygen(text: str, _: date) -> Reading | None:
    """An oxygen saturation at or under the NEWS2 highest-risk level, not said to be on oxygen, as a
    "yes" (1) to the breathing question (threshold and source in knowledge/text/numbers.yaml)."""
    limit = int(text_resource("numbers.yaml")["low_oxygen_saturation_at_or_under"])
    for m in re.finditer(
        r"\boxygen saturation (\d{2,3})%(?! on (?:\d+ ?l|oxygen|o2|\d+ ?%|high flow|a mask|nasal))", text
    ):
        if 50 <= int(m.group(1)) <= limit:
            return 1.0, m.start(), m.end()
    return None


def read_temperature(text: str, _: date) -> Reading | None:
    """A measured temperature as a fever answer: 1 at or above the fever threshold, 0 below the
    normal one, nothing in between (thresholds and their source in knowledge/text/numbers.yaml)."""
    m = re.search(r"\btemperature (\d{2,3}(?:\.\d)?)\b", text)
    if not m:
        return None
    limits = text_resource("numbers.yaml")
    value = float(m.group(1))
    celsius = value if value < 50 else (value - 32) * 5 / 9
    if celsius >= float(limits["fever_at_or_above_c"]):
        return 1.0, m.start(), m.end()
    if celsius < float(limits["no_fever_below_c"]):
        return 0.0, m.start(), m.end()
    return None


def read_volume(text: str, _: date) -> Reading | None:
    m = re.search(r"same as always|no change in (?:my )?training|haven'?t changed (?:my )?training", text)
    if m:
        return 0.0, m.start(), m.end()
    m = re.search(
        r"\bfrom (?:about |around )?(\d+(?:\.\d+)?) ?(?:km|miles|mi|hours|k)?(?: a week| per week)? to (\d+(?:\.\d+)?)",
        text,
    )
    if m and float(m.group(1)) > 0:
        return round(100 * (float(m.group(2)) - float(m.group(1))) / float(m.group(1))), m.start(), m.end()
    m = re.search(r"\b(\d+(?:\.\d+)?) ?(?:km|miles) (?:a|per|this|last) week,? up from (\d+(?:\.\d+)?)", text)
    if m and float(m.group(2)) > 0:
        return round(100 * (float(m.group(1)) - float(m.group(2))) / float(m.group(2))), m.start(), m.end()
    m = re.search(
        r"\b(?:doubled|double)\b[^.]{0,30}\b(?:mileage|distance|training|volume|km|miles)|"
        r"\b(?:mileage|distance|training|volume|km|miles)\b[^.]{0,20}\bdoubled\b",
        text,
    )
    if m:
        return 100.0, m.start(), m.end()
    # "upped my running by 50%", "increased weekly km about 30 percent", "went up 20 %"
    m = re.search(
        r"\b(?:up|increased?|increasing|upped|raised?|ramped|bumped)\b(?: (?!by\b)[a-z']+){0,4}? "
        r"(?:by |about |around |roughly |nearly |almost |over )*(\d{1,3}) ?(?:%|percent|per cent)",
        text,
    )
    if m and _about_training(text, m):
        return float(m.group(1)), m.start(), m.end()
    m = re.search(r"\b(\d{1,3}) ?(?:%|percent|per cent) (?:more|extra|further)\b", text)  # "50% more miles"
    if m and _about_training(text, m):
        return float(m.group(1)), m.start(), m.end()
    return None


TRAINING_WORDS = re.compile(
    r"\b(?:run\w*|mileage|miles|km|kilomet\w*|training|trained|volume|distance|load|sessions?|workouts?|"
    r"rides?|riding|cycling|hours|plyo\w*|jump\w*|squat\w*|lifting|week(?:ly)?)\b"
)


def _about_training(text: str, m: re.Match[str]) -> bool:
    """A percentage is a change in training only beside a word for training, and never when the
    words that rise are the pain's ("my pain went up by 50%")."""
    pain = r"\b(?:pain|ache|aching|hurt\w*|swelling|sore\w*)\b"
    if re.search(pain, m.group(0)) or re.search(
        pain + r"\s+(?:[\w']+\s+){0,2}$", text[max(0, m.start() - 40) : m.start()]
    ):
        return False
    return TRAINING_WORDS.search(text, max(0, m.start() - 40), m.end() + 30) is not None


def read_shoes(text: str, _: date) -> Reading | None:
    m = re.search(
        r"shoes? (?:have|has) (?:done|covered) (?:well )?(?:over |about |more than )?(\d[\d,]*) ?(km|miles)", text
    )
    if not m:
        m = re.search(
            r"(\d[\d,]*) ?(km|miles) (?:on|in) (?:my |these |the |them|those )?(?:\w+ )?(?:shoes|trainers|runners)",
            text,
        )
    if not m:  # "my shoes have 600 km on them", "the shoes are about 500 miles old"
        m = re.search(
            r"(?:shoes?|trainers|runners) (?:have|has|are|is|are at|with) (?:got )?"
            r"(?:about |around |over |nearly |almost |roughly |more than |well over )?(\d[\d,]*) ?(km|miles)\b"
            r"(?! (?:a|per) week)",
            text,
        )
    if m:
        km = float(m.group(1).replace(",", ""))
        return (km * 1.609 if m.group(2) == "miles" else km), m.start(), m.end()
    return None


PAIN_WORDS_0_10 = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                   "nine": 9, "ten": 10}  # fmt: skip


def read_pain(text: str, _: date) -> Reading | None:
    # "a seven out of ten": a score said in words
    w = re.search(rf"\b({'|'.join(PAIN_WORDS_0_10)}) (?:/|out of) (?:ten|10)\b", text)
    if w:
        return PAIN_WORDS_0_10[w.group(1)], w.start(), w.end()
    m = re.search(r"\b(10|\d) ?(?:/|out of) ?10\b", text)
    if not m:  # "VAS 7", "pain score of 6", "rates the pain a 7"
        m = re.search(
            r"\b(?:vas|nrs|pain (?:score|scale|level|rating)|rates? (?:the |her |his |my )?pain(?: as| at)?)"
            r"(?: of| is| at| was|:)? (?:a |an )?(10|\d)\b(?!\.\d| ?(?:/|out of|days?|weeks?|hours?|months?|years?))",
            text,
        )
    return (int(m.group(1)), m.start(), m.end()) if m else None


NUMBER_READERS: dict[str, Callable[[str, date], Reading | None]] = {
    "age": read_age,
    "hours_since_onset": read_onset,
    "weekly_volume_increase_pct": read_volume,
    "shoe_km": read_shoes,
    "pain_now": read_pain,
}


_HOURS_PER = {"h": 1, "d": 24, "w": 168, "m": 730, "y": 8760}


def parse_duration(reply: str, today: date | None = None) -> float:
    """A typed duration in hours: '36', '6 hours', '3 days', '2 weeks', '4 months', or the way the
    free text says it: 'since Saturday', 'yesterday', 'a fortnight', '3/7'."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([hdwmy]?)[a-z]*", reply.strip().lower())
    if match:
        return float(match.group(1)) * _HOURS_PER[match.group(2) or "h"]
    from kneecheck.understand._normalise import normalise

    said = normalise(reply).text
    found = read_onset(said if re.search(r"\d|ago|since|for|yesterday|today|night|week", said) else f"for {said}",
                       today or date.today())  # fmt: skip
    if found is None:
        raise ValueError("type a number of hours, or for example 3 days, 2 weeks or since Saturday")
    return found[0]


def parse_number(reply: str) -> float:
    """The number in a typed answer: '35', '35 years', 'about 40 km'."""
    match = re.search(r"-?\d+(?:\.\d+)?", reply)
    if not match:
        raise ValueError("type a number")
    return float(match.group())


# how long ago an operation or injection was, said beside it: "7 months post surgery", "an injection
# 2 weeks ago", "3 weeks after my operation", "post-op 10 weeks", "surgery in 2019"
OPERATION_WORDS = r"(?:op|operation|surgery|scope|arthroscopy|replacement|reconstruction|injection|repair)"
OPERATION_AGO = re.compile(
    rf"\b{NUMBER} {UNIT}( and a half)? (?:ago|post|since|out from|on from)\b"
    rf"|\b{NUMBER} {UNIT}( and a half)? (?:after|following) "
    rf"(?:the |my |his |her |an? |this )?(?:\w+ )?{OPERATION_WORDS}\b"
    rf"|\b(?:post[- ]?op\w*|after (?:the |my |his |her |an? )?{OPERATION_WORDS}),? "
    rf"(?:about |around |now |only |just )?{NUMBER} {UNIT}( and a half)?\b"
)
OPERATION_YEAR = re.compile(r"\bin ((?:19|20)\d\d)\b")
LATER = re.compile(rf"\b{NUMBER} {UNIT}( and a half)? later\b")


def time_later(after: str) -> float | None:
    """A time told as passing after an event, in the words that follow it ("underwent arthroscopic
    surgery. 6 months later, despite surgery ..."): how long ago the event was at least, in hours."""
    m = LATER.search(after)
    if m is None:
        return None
    number, unit, half = m.groups()
    return (_number(number) + (0.5 if half else 0)) * UNIT_HOURS[unit]


# a time of life long past: "when I was a kid", "as a teenager", "years ago"
LONG_PAST = re.compile(
    r"\b(?:when|while) i was (?:about |around |only |just )?(?:\d+|younger|little|small|a kid|a child|a boy|a girl|"
    r"a teenager|at school|in (?:high )?school)\b|\bas a (?:kid|child|teenager|teen)\b"
    r"|\b(?:many |several |some )?years ago\b|\bin the years (?:preceding|before)\b|\byears (?:before|earlier|prior)\b"
)
# a recent time in the same clause leaves the operation's date unsettled ("I tore it 6 months ago and
# had surgery last week"): it is not judged long ago
RECENT_IN_CLAUSE = re.compile(
    r"\b(?:today|yesterday|last night|this week|last week|the other day|(?:a|one|two|three|four|five|six|"
    r"a few|few|couple of|\d+) (?:hours?|days?) ago|days ago|recently|just had)\b"
)
NEAR = 30
"""How many characters a time may stand from the operation it dates."""


def dated_just_before(before: str, sentence: str, today: date) -> float | None:
    """How long ago a date said just before an operation in its sentence was ("last seen on 03/04/2021,
    where he received a steroid injection", "in 2019, after a fall, I had a scope"), in hours; None
    when no date is said there or the sentence also says a recent time."""
    if RECENT_IN_CLAUSE.search(sentence):
        return None
    dates = [_numeric_date(m, today) for m in NUMERIC_DATE.finditer(before)]
    # a year alone is taken at its last day (the nearest it can be), and only a year before this one
    dates += [date(int(y), 12, 31) for y in re.findall(r"\b((?:19|20)\d\d)\b", before) if int(y) < today.year]
    past = [d for d in dates if d is not None and d < today]
    return (today - max(past)).days * 24.0 if past else None


def operation_age_hours(clause: str, today: date, at: tuple[int, int] | None = None) -> float | None:
    """How long ago the operation or injection named in `clause` (at `at` in it, when given) was, in
    hours, when the clause - or the opening of the story it is told in - says; None when it does not,
    or when a recent time in the clause leaves it unsettled."""
    if RECENT_IN_CLAUSE.search(clause):
        return None
    for m in OPERATION_AGO.finditer(clause):
        if at is not None and (m.start() > at[1] + NEAR or m.end() < at[0] - NEAR):
            continue  # a time that dates something else in the clause
        groups = m.groups()
        number, unit, half = next(groups[i : i + 3] for i in range(0, len(groups), 3) if groups[i])
        return (_number(number) + (0.5 if half else 0)) * UNIT_HOURS[unit]
    for m in NUMERIC_DATE.finditer(clause):  # "an injection on 03/04/2021"
        when = _numeric_date(m, today)
        if when is not None and when < today and (at is None or at[0] - NEAR <= m.start() <= at[1] + NEAR):
            return (today - when).days * 24.0
    year = OPERATION_YEAR.search(clause)
    if year is not None and int(year.group(1)) < today.year:
        return (today.year - int(year.group(1))) * UNIT_HOURS["year"]
    if LONG_PAST.search(clause):
        return UNIT_HOURS["year"]  # at least a year: how long is not said
    return None
