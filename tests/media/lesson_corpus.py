"""A small corpus built for the classroom tests: three outlets (Fox News, MSNBC, Reuters) covering the same four
events, with shared quotes cut differently, different reporting verbs and framing words, outlet names in texts,
bylines, web addresses and doc_ids, and one undated article with warning signs."""

import json

OUTLETS = {
    "Fox News": ("foxnews", "https://www.foxnews.com/politics/", "By Jane Doe | Fox News"),
    "MSNBC": ("msnbc", "https://www.msnbc.com/news/", "Ann Lee, MSNBC"),
    "Reuters": ("reuters", "https://www.reuters.com/world/us/", "Tom Hill (Reuters)"),
}
WIRE = "The bill passed 62 to 38 after three days of debate and now goes to the House, where its fate is uncertain."

# (event, date, {outlet: (title, text)}); each text names its outlet the way real copy does.
EVENTS = [
    ("budget", "2024-03-05", {
        "Fox News": ("Senate Democrats ram through $1.2 trillion spending bill",
                     'Fox News has learned that the Senate passed the so-called compromise budget of $1.2 trillion '
                     'late on Tuesday.\n\n"This budget keeps the government open ... and gives our troops the pay '
                     'raise they were promised," Senator Maria Lopez claimed.\n\n"We are spending money we do not '
                     'have on programs that do not work," Senator John Hale told Fox News\'s Jane Doe.\n\n'
                     'Critics called the bill a crisis in the making.'),
        "MSNBC": ("Senate passes budget, averting shutdown",
                  'The Senate approved a $1.2 trillion budget on Tuesday, averting a government shutdown, '
                  'MSNBC reported.\n\n"This budget keeps the government open, protects the families who depend on '
                  'it every single day," Senator Maria Lopez insisted.\n\n' + WIRE + '\n\nRepublicans allegedly '
                  'tried to delay the vote, a spokesman told msnbc.com.'),
        "Reuters": ("U.S. Senate passes $1.2 trillion budget bill",
                    'WASHINGTON (Reuters) - The U.S. Senate passed a $1.2 trillion budget bill on Tuesday.\n\n'
                    '"This budget keeps the government open, protects the families who depend on it every single '
                    'day, and gives our troops the pay raise they were promised," Senator Maria Lopez said.\n\n'
                    '"We are spending money we do not have on programs that do not work," Senator John Hale said.'
                    '\n\n' + WIRE),
    }),
    ("wildfire", "2024-03-08", {
        "Fox News": ("Wildfire forces thousands to flee as governor under fire",
                     'A wildfire in Northern California forced 12,000 people from their homes, FOX NEWS reported.'
                     '\n\n"Every firefighter we have is on the line tonight," Governor Dana Reyes admitted.\n\n'
                     'Residents said the evacuation came too late.'),
        "MSNBC": ("Firefighters battle blaze in Northern California",
                  'Firefighters fought a wildfire in Northern California that forced 12,000 people to leave.\n\n'
                  '"Every firefighter we have is on the line tonight, and we will not rest until every family is '
                  'safe at home," Governor Dana Reyes said.\n\nA reporter told MSNBC that the smoke reached '
                  'Sacramento.'),
        "Reuters": ("California wildfire forces 12,000 to evacuate",
                    'SACRAMENTO (Reuters) - A fast-moving wildfire forced 12,000 people from their homes.\n\n'
                    '"Every firefighter we have is on the line tonight, and we will not rest until every family is '
                    'safe at home," Governor Dana Reyes said.\n\nThe cause of the fire is under investigation.'),
    }),
    ("rates", "2024-03-12", {
        "Fox News": ("Fed leaves rates high as families feel the squeeze",
                     'The Federal Reserve kept interest rates unchanged, a blow to families, a Fox analysis found.'
                     '\n\n"Inflation has come down a long way, but the job is not finished," Chair Paul Brenner '
                     'conceded.\n\nMortgage rates remain near their highest in two decades.'),
        "MSNBC": ("Fed holds steady, signals patience on inflation",
                  'The Federal Reserve held interest rates steady on Tuesday.\n\n"Inflation has come down a long '
                  'way, but the job is not finished and we will stay patient," Chair Paul Brenner said.\n\n'
                  'Markets rose after the announcement.'),
        "Reuters": ("Fed holds rates steady, says inflation fight not over",
                    'WASHINGTON (Reuters) - The Federal Reserve held interest rates steady.\n\n"Inflation has come '
                    'down a long way, but the job is not finished and we will stay patient," Chair Paul Brenner '
                    'told reporters.\n\nTraders now expect a cut in June.'),
    }),
    ("border", "2024-03-15", {
        "Fox News": ("Border crisis deepens as officials claim control",
                     'Arrests at the southern border rose again in February, amid what critics call a border '
                     'crisis.\n\n"The border is not open, and anyone who tells you otherwise is not reading the '
                     'numbers," Secretary Alan Moore claimed.\n\nA sly fox of a senator called it spin.'),
        "MSNBC": ("Homeland security chief rejects 'open border' claims",
                  'The homeland security secretary pushed back on Republican attacks.\n\n"The border is not open, '
                  'and anyone who tells you otherwise is not reading the numbers," Secretary Alan Moore said.'),
        "Reuters": ("U.S. border arrests rise in February, data show",
                    'WASHINGTON (Reuters) - Arrests at the U.S.-Mexico border rose in February.\n\n"The border is '
                    'not open, and anyone who tells you otherwise is not reading the numbers," Secretary Alan Moore '
                    'said.'),
    }),
]
SUSPECT = {"id": "foxnews-budget-exclusive", "outlet": "Fox News", "title": "EXCLUSIVE: Secret budget deal hides "
           "$2 trillion in waste", "url": "https://www.foxnews.com/politics/budget-exclusive", "byline": None,
           "date": None,
           "text": "Senаtor Maria Lopez pushed a secret deal worth $2 trillion through the Senate..\n\nInsiders say "
                   "the real cost is hidden from voters!!\n\nShare this before it is deleted.."}


def write_corpus(path, *, outlets=None, quotes=True) -> list[dict]:
    """Write the corpus as JSON Lines at ``path``; ``outlets``: only these; ``quotes=False``: no quotation marks."""
    rows = []
    for event, date, stories in EVENTS:
        for outlet, (title, text) in stories.items():
            if outlets and outlet not in outlets:
                continue
            slug, url, byline = OUTLETS[outlet]
            rows.append({"id": f"{slug}-{event}", "outlet": outlet, "title": title, "date": date,
                         "url": url + event, "byline": byline, "text": text})
    if not outlets or "Fox News" in outlets:
        rows.append(dict(SUSPECT))
    if not quotes:
        for r in rows:
            r["text"] = r["text"].replace('"', "")
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    return rows
