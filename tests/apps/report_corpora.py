"""Corpora for report tests, built from scratch (CI has no ../shared/corpora).

``write_news_corpus(folder, n)``: ``n`` articles about US politics as one CSV export (title, text, outlet,
date): nine outlets of different sizes, dates over fifteen months (a few undated), quotes that outlets
cut differently, wire copy shared word for word, framing words ("claimed", "regime", "allegedly").
``write_headlines_csv(path, n)``: ``n`` rows of short headline text (title, description, outlet, date).
Both deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd

OUTLETS = ["Capitol Wire", "Daily Ledger", "Metro Times", "Prairie Post", "Bay Courier", "Gulf Herald",
           "Summit News", "River Review", "Harbor Gazette"]
# Outlet i gets weight WEIGHTS[i]: the largest is "Capitol Wire".
WEIGHTS = [9, 7, 6, 5, 4, 3, 3, 2, 1]
PEOPLE = ["Senator Maria Alvarez", "Governor Tom Becker", "Speaker Linda Cho", "President Harris",
          "Representative Jamal Carter", "Senator Ruth Okafor"]
TOPICS = ["the budget bill", "the border deal", "the tariff plan", "the voting law", "the health care overhaul",
          "the infrastructure package", "the tax cut", "the climate bill", "the farm bill", "the debt ceiling"]
PLACES = ["Washington", "Sacramento", "Austin", "Albany", "Springfield", "Denver"]
VERBS = ["said", "said", "said", "told reporters", "claimed", "insisted", "added", "admitted"]
QUOTES = [
    "We will not sign a bill that raises taxes on working families in the middle of a downturn",
    "This agreement is the best chance we have had in a decade to fix a broken system for good",
    "The other side has refused to negotiate in good faith and voters will remember that in November",
    "Nobody gets everything they want in a compromise but this one keeps the government open",
    "The numbers simply do not add up and every independent analyst in the country has said so",
]
SENTENCES = [
    "Lawmakers in {place} spent the day arguing over {topic}, and the vote was closer than expected.",
    "Critics of {topic} say the regime of waivers helps large donors more than ordinary voters.",
    "Supporters argue that {topic} will create jobs, while opponents warn of a crisis in state budgets.",
    "The committee allegedly delayed hearings on {topic} to avoid a public fight before the primaries.",
    "Polls show voters split on {topic}, with independents reportedly leaning against it.",
    "Party leaders met behind closed doors in {place} to count votes on {topic} late into the night.",
    "Analysts expect {topic} to dominate the campaign, since both parties see it as a test of trust.",
    "Activists rallied outside the statehouse in {place}, holding signs against {topic}.",
]
WIRE = ("The measure passed the chamber by a narrow margin after a long night of debate, and it now goes to "
        "the other chamber, where its fate is far less certain according to aides from both parties.")


def _article(rng: random.Random, i: int) -> dict:
    outlet = rng.choices(OUTLETS, weights=WEIGHTS)[0]
    topic, place, person = rng.choice(TOPICS), rng.choice(PLACES), rng.choice(PEOPLE)
    quote = rng.choice(QUOTES)
    if rng.random() < 0.4:  # the same quote, cut differently
        words = quote.split()
        quote = " ".join(words[rng.randint(1, 4):])
    paragraphs = [s.format(place=place, topic=topic) for s in rng.sample(SENTENCES, rng.randint(2, 4))]
    paragraphs.insert(1, f"\u201c{quote},\u201d {person} {rng.choice(VERBS)}.")
    if rng.random() < 0.3:
        paragraphs.append(WIRE)
    start = pd.Timestamp("2023-01-02")
    date = "" if i % 37 == 5 else (start + pd.Timedelta(days=rng.randint(0, 455))).strftime("%Y-%m-%d")
    return {"title": f"{person.split()[-1]} weighs in on {topic} ({i})", "text": "\n\n".join(paragraphs),
            "outlet": outlet, "date": date}


def write_news_corpus(folder, n: int = 300, *, seed: int = 7) -> Path:
    """``folder/articles.csv`` with ``n`` articles (see the module docstring); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    with open(folder / "articles.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["title", "text", "outlet", "date"])
        writer.writeheader()
        writer.writerows(_article(rng, i) for i in range(n))
    return folder


def write_headlines_csv(path, n: int = 16_000, *, seed: int = 11) -> Path:
    """A CSV of ``n`` headlines: title, description (as ``text``), outlet, date; returns its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = pd.Timestamp("2016-01-04")
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["title", "text", "outlet", "date"])
        writer.writeheader()
        for i in range(n):
            person, topic = rng.choice(PEOPLE), rng.choice(TOPICS)
            verb = rng.choice(["backs", "slams", "questions", "defends", "claims victory on", "stalls"])
            title = f"{person.split()[-1]} {verb} {topic}"
            text = (f"{person} {rng.choice(VERBS)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} that "
                    f"{topic} {rng.choice(['would pass', 'faces a crisis', 'is dead', 'needs more votes'])} "
                    f"in {rng.choice(PLACES)}. Story {i}.")
            writer.writerow({"title": title, "text": text, "outlet": rng.choices(OUTLETS, weights=WEIGHTS)[0],
                             "date": (start + pd.Timedelta(days=rng.randint(0, 455))).strftime("%Y-%m-%d")})
    return path
