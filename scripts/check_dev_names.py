#!/usr/bin/env python3
"""Report names and phrases of the development pages that are typed into the project.

The project's standard: no organization, person, place, address or phrase of
../shared/data in src/ (and, for reviewers, in tests/, examples/, data/lang/).
This takes from the project's files every capitalized word sequence, every
«quoted» phrase and every 4-word phrase, and prints those that occur in the
pages and keys of ../shared/data (dev/sites, dev/sites-ru, dev/entities, seeds).

General words are not reported: words that the pages also write in lower case
(ordinary nouns such as titles), state names from iso-codes (English and
Russian), and the word list scripts/check_dev_names_general.txt (months, first
names, program words).  A first name alone is fine; a surname is not.

Usage: scripts/check_dev_names.py [DATA_DIR]   (default ../shared/data)
Exit status 1 when something is reported.
"""
import gettext
import html
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCAN = ["src", "tests", "examples", "data/lang"]
# Copies of the seed pages kept as golden test input: pages, not typed knowledge.
SKIP = ("tests/golden/html_seeds",)
DATA_PARTS = ["dev/sites", "dev/sites-ru", "dev/entities", "seeds"]
WORD = r"[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’-]*"
CAP = r"[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё'’-]*"
# An initial glued to a surname (В.Хромин) or spaced (В. Хромин) counts as part of the sequence.
CAP_SEQ = re.compile(r"(?<![\w.])(?:(?:[A-ZА-ЯЁ]\.\s?)*" + CAP + r")(?:\s+(?:[A-ZА-ЯЁ]\.\s?)*" + CAP + r")*")
QUOTED = re.compile(r"«([^«»\n]{2,80})»")
WORDS = re.compile(WORD)


def norm_words(text):
    return [w.strip("'’-").lower().replace("ё", "е") for w in WORDS.findall(text) if w.strip("'’-")]


def strings_of_json(value, out):
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            out.append(str(k))
            strings_of_json(v, out)
    elif isinstance(value, list):
        for v in value:
            strings_of_json(v, out)


def load_corpus(data_dir):
    texts = []
    for part in DATA_PARTS:
        for dirpath, _, files in os.walk(os.path.join(data_dir, part)):
            for name in files:
                path = os.path.join(dirpath, name)
                try:
                    raw = open(path, encoding="utf-8", errors="replace").read()
                except OSError:
                    continue
                if name.endswith(".json"):
                    try:
                        parts = []
                        strings_of_json(json.loads(raw), parts)
                        raw = "\n".join(parts)
                    except ValueError:
                        pass
                raw = re.sub(r"<[^>]*>", " ", raw)
                texts.append(html.unescape(raw))
    return texts


def general_words():
    words = set()
    listing = os.path.join(ROOT, "scripts", "check_dev_names_general.txt")
    for line in open(listing, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            words.update(norm_words(line))
    try:
        states = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
        ru = gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=["ru"], fallback=True)
        for s in states:
            for key in ("name", "common_name", "official_name"):
                if key in s:
                    words.update(norm_words(s[key]))
                    words.update(norm_words(ru.gettext(s[key])))
    except (OSError, ValueError, KeyError):
        print("check_dev_names: iso-codes not found, state names are reported too", file=sys.stderr)
    return words


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
    corpus = load_corpus(data_dir)
    joined = " " + " ".join(" ".join(norm_words(t)) for t in corpus) + " "
    lower_words = set()  # words the pages write in lower case: ordinary words
    for t in corpus:
        for w in WORDS.findall(t):
            if w[0].islower():
                lower_words.add(w.lower().replace("ё", "е"))
    general = general_words() | lower_words
    grams4 = set()
    corpus_words = joined.split()
    for i in range(len(corpus_words) - 3):
        grams4.add(" ".join(corpus_words[i:i + 4]))

    def in_pages(words):
        return (" " + " ".join(words) + " ") in joined

    found = {}

    def report(kind, text, path, lineno):
        found.setdefault((kind, text), []).append(f"{path}:{lineno}")

    for top in SCAN:
        for dirpath, _, files in os.walk(os.path.join(ROOT, top)):
            if os.path.relpath(dirpath, ROOT).startswith(SKIP):
                continue
            for name in sorted(files):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, ROOT)
                try:
                    lines = open(path, encoding="utf-8").read().splitlines()
                except (UnicodeDecodeError, OSError):
                    continue
                for n, line in enumerate(lines, 1):
                    for m in CAP_SEQ.finditer(line):
                        ws = norm_words(m.group(0))
                        names = [w for w in ws if w not in general and len(w) > 1]
                        for w in names:
                            if in_pages([w]):
                                report("name", w, rel, n)
                        if names and len(ws) > 1 and in_pages(ws):
                            report("sequence", " ".join(ws), rel, n)
                    for m in QUOTED.finditer(line):
                        ws = norm_words(m.group(1))
                        if ws and any(w not in general for w in ws) and in_pages(ws):
                            report("quoted", " ".join(ws), rel, n)
                    ws = norm_words(line)
                    for i in range(len(ws) - 3):
                        g = " ".join(ws[i:i + 4])
                        if g in grams4 and any(w not in general for w in ws[i:i + 4]):
                            report("phrase", g, rel, n)
    for (kind, text), places in sorted(found.items(), key=lambda kv: (kv[0][0], kv[1][0])):
        more = f" (+{len(places) - 3})" if len(places) > 3 else ""
        print(f"{kind}\t{text}\t{' '.join(places[:3])}{more}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
