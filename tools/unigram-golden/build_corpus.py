#!/usr/bin/python3
"""Build the multilingual training corpus for the small XLM-R-style Unigram model.

Deterministic: every source is read in sorted order and nothing is sampled at random.
Only offline data is used:

  1. every distinct "text" / "text_pair" of shared/data/tokenizer-golden/bert-base-uncased.jsonl
  2. the first 4000 records (query + positives) of shared/data/debian-packages/train.jsonl
  3. translations shipped by the Debian package iso-codes (country, subdivision, language,
     script and currency names in ~150 languages; .mo files under /usr/share/locale)
  4. the glibc message catalogue libc.mo of Debian package libc-l10n (~40 languages)
  5. names and strings from the glibc locale sources of Debian package locales
     (/usr/share/i18n/locales/*: month and day names, language and country names, ...)

Usage: build_corpus.py --shared /work/shared --out corpus.txt
One sentence per output line, no empty lines.  Prints a summary per source.
"""
import argparse
import gettext
import glob
import hashlib
import json
import os
import re
import subprocess
import sys

ISO_DOMAINS = ["iso_3166-1", "iso_3166-2", "iso_3166-3", "iso_639-2", "iso_639-3",
               "iso_639-5", "iso_15924", "iso_4217"]
LOCALE_KEYS = ["title", "country_name", "lang_name", "yesstr", "nostr", "mon", "abmon",
               "day", "abday", "alt_mon", "ab_alt_mon", "am_pm", "era", "alt_digits",
               "name_fmt", "name_mr", "name_mrs", "name_miss", "name_ms", "country_post",
               "measurement", "int_select"]
DEBIAN_TRAIN_RECORDS = 4000


def lines_of(text):
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if line:
            yield line


def catalog_strings(path):
    with open(path, "rb") as f:
        cat = gettext.GNUTranslations(f)._catalog
    out = []
    for key in sorted(cat, key=lambda k: (str(k[0]) if isinstance(k, tuple) else str(k),
                                          k[1] if isinstance(k, tuple) else -1)):
        msgid = key[0] if isinstance(key, tuple) else key
        msgstr = cat[key]
        if not msgid or not msgstr or msgstr == msgid:
            continue
        out.append(msgstr)
    return out


U_ESC = re.compile(r"<U([0-9A-Fa-f]{4,8})>")


def decode_locale_string(s):
    return U_ESC.sub(lambda m: chr(int(m.group(1), 16)), s)


def locale_strings(path):
    """Quoted strings of a few keywords of a glibc locale source file."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        raw = f.read()
    # join continuation lines ("...";/\n  "...")
    raw = re.sub(r"/\n", " ", raw)
    for line in raw.split("\n"):
        line = line.strip()
        if not line or line.startswith("%") or line.startswith("#"):
            continue
        key = line.split(None, 1)[0]
        if key not in LOCALE_KEYS:
            continue
        for q in re.findall(r'"([^"]*)"', line):
            v = decode_locale_string(q).replace("%", " ").strip()
            if v and not re.fullmatch(r"[\x00-\x7f]{0,3}", v):
                out.append(v)
    return out


def pkg_version(name):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True,
                              text=True, check=True).stdout
    except Exception:
        return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="/work/shared")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    sources = []  # (name, [lines])

    # 1. bert-base-uncased golden texts
    golden = os.path.join(args.shared, "data/tokenizer-golden/bert-base-uncased.jsonl")
    seen, g = set(), []
    with open(golden, encoding="utf-8") as f:
        for rec_line in f:
            rec = json.loads(rec_line)
            for k in ("text", "text_pair"):
                t = rec.get(k)
                if t is not None and t not in seen:
                    seen.add(t)
                    g.extend(lines_of(t))
    sources.append(("bert-base-uncased golden texts", g))

    # 2. Debian package queries / positives
    d = []
    train = os.path.join(args.shared, "data/debian-packages/train.jsonl")
    with open(train, encoding="utf-8") as f:
        for i, rec_line in enumerate(f):
            if i >= DEBIAN_TRAIN_RECORDS:
                break
            rec = json.loads(rec_line)
            d.extend(lines_of(rec["query"]))
            for p in rec.get("pos", []):
                d.extend(lines_of(p))
    sources.append((f"debian-packages/train.jsonl (first {DEBIAN_TRAIN_RECORDS} records)", d))

    # 3. iso-codes translations
    iso = []
    for dom in ISO_DOMAINS:
        for path in sorted(glob.glob(f"/usr/share/locale/*/LC_MESSAGES/{dom}.mo")):
            for s in catalog_strings(path):
                iso.extend(lines_of(s))
    sources.append((f"iso-codes {pkg_version('iso-codes')} ({', '.join(ISO_DOMAINS)})", iso))

    # 4. libc.mo
    libc = []
    for path in sorted(glob.glob("/usr/share/locale/*/LC_MESSAGES/libc.mo")):
        for s in catalog_strings(path):
            libc.extend(lines_of(s))
    sources.append((f"libc-l10n {pkg_version('libc-l10n')} (libc.mo)", libc))

    # 5. glibc locale sources
    loc = []
    for path in sorted(glob.glob("/usr/share/i18n/locales/*")):
        if os.path.isfile(path):
            loc.extend(locale_strings(path))
    sources.append((f"locales {pkg_version('locales')} (/usr/share/i18n/locales)", loc))

    h = hashlib.sha256()
    total = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for name, lines in sources:
            n_chars = sum(len(x) for x in lines)
            print(f"{name}: {len(lines)} lines, {n_chars} characters", file=sys.stderr)
            for line in lines:
                data = line + "\n"
                out.write(data)
                h.update(data.encode("utf-8"))
                total += 1
    print(f"total: {total} lines; sha256 {h.hexdigest()}", file=sys.stderr)


if __name__ == "__main__":
    main()
