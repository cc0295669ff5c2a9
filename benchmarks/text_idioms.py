"""Over-triage from everyday words: a runner's routine text (three weeks of a dull ache around the
kneecap, no swelling, no injury, walking fine) with one everyday sentence added, an idiom or a
remark about exercise whose words a warning sign also uses. Prints each sentence that raises the
result above a booked visit, and how many did. The same words after an injury must still count,
so some are left raised on purpose (a numb, cold foot; calf pain, asked first).

Run: python benchmarks/text_idioms.py
"""

from __future__ import annotations

from kneecheck import assess_text

BASE = (
    "I'm 30 and run 3 times a week. For 3 weeks I've had a dull ache around my kneecap on stairs and after "
    "sitting. No swelling, no injury, walking fine. "
)
SENTENCES = [
    "I popped out to the shops later.", "I locked the door and went for a run.", "I'm stuck at home with work.",
    "I broke my personal best last month.", "I smashed my PB at parkrun.", "I cracked on with training anyway.",
    "It's killing me.", "I fell behind on my plan.", "I fell asleep on the sofa.",
    "I hit the wall at mile 20 in my marathon.", "My legs felt dead after the long run.",
    "It was freezing and I had cold feet the whole run.", "I bought new blue shoes.",
    "I felt shattered after the session.", "I died on the hills.", "My ankles swell in the heat.",
    "Running in hot weather is hard.", "I was red-faced after the warm-up.", "I did a proper warm-up and cool-down.",
    "I gave way to a cyclist on the path.", "I crashed on the sofa afterwards.", "I hopped in the shower after.",
    "My mate had to carry the shopping.", "I was in a rush and ran for the bus.",
    "My toes went numb in the cold water at the lido.", "My calves are tight after hills.",
    "I flew through my intervals.", "The pain is a 3 out of 10.", "I knocked 2 minutes off my 5k.",
    "I tripped over the dog but didn't fall.", "My heart rate was 165.", "I take the pill.",
    "I'm on my feet all day at work.", "I had a temperature last month with flu.", "It's been a nightmare.",
    "I couldn't walk past the cake shop without stopping!", "I can't stand the treadmill.",
    "I can't bear running in the rain.", "My foot was white with chalk from the track.",
    "I got a red card at football last year.", "I had a cold last week.", "It clicks sometimes, no big deal.",
    "I twisted the cap off my water bottle.", "My knees were knocking with nerves.",
    "I was blown away by the crowd.", "I ran till I dropped.", "I was out of breath at the top of the hill.",
    "I get a stitch when I run.", "My chest was heaving after the sprint.", "I cramped up in my calf at mile 10.",
    "I had my knee looked at by a physio last year.", "I had a steroid injection in my shoulder last year.",
    "I was sweating after the run.",
    "I bought new running clothes.", "I was huffing and puffing up the hill.", "I wore my puffer jacket.",
    "I left my bag in the locker.", "My feet were fine but the number of miles went up.",
    "Ran 8km, HR 158 avg.", "It was a pivotal race for me.", "It's all going swimmingly otherwise.",
    "Back to the daily grind.", "I had a catch-up with my coach.",
    "I'm not able to go back to work yet.", "No, well, it's worst first thing.", "I had Lasik surgery last month.",
    "I was flying down the hill on my bike.", "I did break my arm in sixth grade.",
    "I started a new job two months ago.",
    "Had a bit of a temperature with a cold last week, over it now.", "Knee's been a bit crook lately.",
    "I knelt on the grass to stretch.", "The wi-fi at the gym is rubbish.",
]  # fmt: skip


def main() -> None:
    raised = 0
    for sentence in SENTENCES:
        result = assess_text(BASE + sentence)
        if result.urgency not in ("self_care", "routine"):
            raised += 1
            print(f"{result.urgency:>9}: {sentence} ({', '.join(r.rule for r in result.urgency_reasons[:2])})")
    print(f"{raised} of {len(SENTENCES)} everyday sentences raised a routine text above a booked visit")


if __name__ == "__main__":
    main()
