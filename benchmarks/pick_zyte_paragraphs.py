"""How the paragraphs of the "test2" and "dev2" entity gold splits were drawn from Zyte's
article-extraction benchmark (MIT licence; github scrapinghub/article-extraction-benchmark, commit 4a3bc97).

Pages of English news sites (``NEWS``: blogs, shops, company pages and non-English sites left out), shuffled
with ``random.Random(2026)``; from each page one paragraph (a line of ``articleBody``) of 200-600 characters
with a capital after a lower-case word, drawn with the same generator. The first 36 pages are test2, the next
24 dev2, the remaining 66 dev3. Prints page id, offsets and the start of each paragraph:

    python benchmarks/pick_zyte_paragraphs.py [--repo /work/.mirror/scrapinghub+article-extraction-benchmark/repo]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
from urllib.parse import urlparse

NEWS = {
    "9to5mac.com", "appleinsider.com", "bgr.com", "dealbreaker.com", "detroit.cbslocal.com", "gizmodo.com",
    "hosted.ap.org", "mspoweruser.com", "news.sky.com", "nypost.com", "phys.org",
    "profootballtalk.nbcsports.com", "slate.com", "spacenews.com", "sputniknews.com", "techcrunch.com",
    "thehill.com", "therealdeal.com", "venturebeat.com", "wccftech.com", "www.albawaba.com",
    "www.aljazeera.com", "www.barrons.com", "www.bbc.com", "www.billboard.com", "www.businessinsider.com",
    "www.cbsnews.com", "www.cbssports.com", "www.chron.com", "www.cityam.com", "www.cleveland.com",
    "www.cnbc.com", "www.cnn.com", "www.crn.com", "www.ctpost.com", "www.ctvnews.ca", "www.deccanherald.com",
    "www.detroitnews.com", "www.express.co.uk", "www.floridatoday.com", "www.forbes.com", "www.foxbusiness.com",
    "www.foxnews.com", "www.hawaiinewsnow.com", "www.hollywoodreporter.com", "www.ign.com", "www.indiapost.com",
    "www.indiewire.com", "www.jpost.com", "www.latimes.com", "www.linknaija.com", "www.livescience.com",
    "www.macrumors.com", "www.moneycontrol.com", "www.msn.com", "www.mysanantonio.com",
    "www.nationalreview.com", "www.nbcdfw.com", "www.nbcnews.com", "www.newsnation.in", "www.newsweek.com",
    "www.nj.com", "www.nytimes.com", "www.oregonlive.com", "www.panarmenian.net", "www.politifact.com",
    "www.polygraph.info", "www.pv-magazine.com", "www.quantamagazine.org", "www.reuters.com",
    "www.rollingstone.com", "www.rt.com", "www.sciencealert.com", "www.sfgate.com", "www.slashgear.com",
    "www.smithsonianmag.com", "www.snopes.com", "www.space.com", "www.spokesman.com", "www.sportsnet.ca",
    "www.telegraph.co.uk", "www.theguardian.com", "www.theparadigmng.com", "www.therepublic.com",
    "www.thespacereview.com", "www.thesun.co.uk", "www.theverge.com", "www.timesunion.com",
    "www.twincities.com", "www.usatoday.com", "www.vg247.com", "www.vox.com", "www.washingtonexaminer.com",
    "www.wired.com", "www.wsj.com", "www.zdnet.com",
}
MID_CAP = re.compile(r"[a-z,;] +[A-Z]")


def pick(ground_truth: dict) -> list[dict]:
    """One paragraph per English news page, in the order of the seeded shuffle."""
    rng = random.Random(2026)
    ids = sorted(k for k, v in ground_truth.items() if urlparse(v["url"]).netloc in NEWS)
    rng.shuffle(ids)
    out = []
    for pid in ids:
        body = ground_truth[pid]["articleBody"]
        paras, pos = [], 0
        for line in body.split("\n"):
            s = body.index(line, pos) if line else pos
            pos = s + len(line)
            t = line.strip()
            if 200 <= len(t) <= 600 and MID_CAP.search(t):
                s2 = s + line.index(t)
                paras.append((s2, s2 + len(t)))
        if paras:
            s, e = rng.choice(paras)
            out.append({"page": pid, "url": ground_truth[pid]["url"], "start": s, "end": e, "text": body[s:e]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default="/work/.mirror/scrapinghub+article-extraction-benchmark/repo")
    args = ap.parse_args()
    raw = subprocess.run(["git", "--git-dir", args.repo, "show", "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010:"
                          "ground-truth.json"], check=True, capture_output=True).stdout
    for i, p in enumerate(pick(json.loads(raw))):
        print("test2" if i < 36 else "dev2" if i < 60 else "dev3", p["page"][:12], p["start"], p["end"], p["text"][:60])


if __name__ == "__main__":
    main()
