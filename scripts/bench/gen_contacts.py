#!/usr/bin/env python3
"""Writes a deterministic contact CSV for Porter's benchmarks.

usage: gen_contacts.py ROWS OUT.csv [--seed S] [--change-pct P]
       gen_contacts.py --copy-form IN.csv OUT.csv

Python 3 standard library only.

Columns: email, first_name, last_name, company, phone, customFields.plan, customFields.score.
Every email is unique (row i has user{i}), in mixed case; about half the rows quote a field that
holds a comma or a double quote; names come in several scripts (Latin with accents, Cyrillic,
Greek, CJK, Arabic, Devanagari); phones are valid US numbers in several formats.
--change-pct P (for the benchmark's second file) changes first name, company and score of exactly P
rows in every 100 (P% of a file whose size is a multiple of 100), spread over the file, keeping the
same emails so they match as updates; every other row is the same as in the file without the option.
--copy-form turns a generated file into the rows Porter stores, for PostgreSQL's COPY baseline:
email, email_key (trimmed, lower case), first_name, last_name, company, phone (E.164, as Porter's
validation stores it), custom_fields (a JSON object of the customFields.* columns, values as text)
and created_at (one microsecond apart, in file order, as batches of an import are).
"""
import csv
import datetime
import json
import random
import sys

FIRST = [
    "José", "Zoë", "François", "Søren", "Ángel", "Mária", "Jürgen", "Chloé", "Łukasz", "Ines",
    "Алексей", "Мария", "Дмитрий", "Ольга", "Γιώργος", "Ελένη", "Νίκος", "太郎", "花子", "伟",
    "John", "Mary", "Ada", "Grace", "Linus", "محمد", "فاطمة", "أحمد", "अर्जुन", "प्रिया",
]
LAST = [
    "García", "Müller", "Ødegård", "Dvořák", "Nuñez", "Lefèvre", "O'Brien", "Smith", "Nakamura",
    "Иванов", "Петрова", "Смирнов", "Παπαδόπουλος", "Οικονόμου", "山田", "佐藤", "王", "李",
    "Johnson", "Brown", "العلي", "حداد", "शर्मा",
]
COMPANY_PLAIN = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Soylent", "Stark Industries",
                 "Wayne Enterprises", "Ωmega Λtd", "Рога и копыта", "株式会社テスト"]
COMPANY_QUOTED = ["Acme, Inc.", "Globex, LLC", 'The "Best" Co', 'Initech "Labs", Ltd.',
                  "Müller, Schmidt & Co", "Smith, Jones and Partners", '"Quoted" Holdings']
AREA = [201, 202, 203, 205, 206, 212, 213, 214, 215, 216, 217, 301, 303, 305, 310, 312, 313,
        404, 408, 410, 412, 415, 503, 504, 510, 512, 602, 612, 614, 615, 617, 702, 703, 713,
        714, 718, 720, 801, 804, 813, 816, 817, 818, 904, 908, 909, 914, 916, 917, 919]
DOMAINS = ["example.com", "Example.org", "MAIL.example.net", "corp.example.io", "ExAmple.co.uk"]
PLANS = ["free", "pro", "enterprise", "team"]


def quote(s):
    return '"' + s.replace('"', '""') + '"'


def cell(s):
    return quote(s) if (',' in s or '"' in s or '\n' in s) else s


def mixed_case(s, r):
    return ''.join(c.upper() if r.random() < 0.3 else c for c in s)


def phone(r):
    a = r.choice(AREA)
    ex = r.randrange(200, 1000)
    while ex % 100 == 11 or ex == 555:
        ex = r.randrange(200, 1000)
    sub = r.randrange(0, 10000)
    f = r.randrange(6)
    if f == 0:
        return f"({a}) {ex}-{sub:04d}"
    if f == 1:
        return f"{a}-{ex}-{sub:04d}"
    if f == 2:
        return f"{a}.{ex}.{sub:04d}"
    if f == 3:
        return f"+1 {a} {ex} {sub:04d}"
    if f == 4:
        return f"{a}{ex}{sub:04d}"
    return f"1-{a}-{ex}-{sub:04d}"


def changed(i, pct):
    """Exactly pct rows of every 100, scattered (37 is prime to 100, so i*37 mod 100 is a permutation)."""
    return pct > 0 and (i * 37) % 100 < pct


def e164(phone_text):
    digits = ''.join(c for c in phone_text if c.isdigit())
    if len(digits) == 11 and digits.startswith('1'):
        digits = digits[1:]
    return '+1' + digits


def copy_form(src, out):
    with open(src, encoding="utf-8", newline="") as f, open(out, "w", encoding="utf-8", newline="") as o:
        reader = csv.reader(f)
        header = next(reader)
        custom = [(i, h[len("customFields."):]) for i, h in enumerate(header) if h.startswith("customFields.")]
        w = csv.writer(o, lineterminator="\n")
        w.writerow(["email", "email_key", "first_name", "last_name", "company", "phone", "custom_fields", "created_at"])
        base = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
        for n, row in enumerate(reader):
            email = row[0].strip()
            fields = json.dumps({k: row[i] for i, k in custom}, ensure_ascii=False, separators=(",", ":"))
            created = (base + datetime.timedelta(microseconds=n)).isoformat()
            w.writerow([email, email.lower(), row[1], row[2], row[3], e164(row[4]), fields, created])


def main():
    args = sys.argv[1:]
    if args and args[0] == "--copy-form":
        copy_form(args[1], args[2])
        return
    seed, change = 42, 0
    if "--seed" in args:
        i = args.index("--seed"); seed = int(args[i + 1]); del args[i:i + 2]
    if "--change-pct" in args:
        i = args.index("--change-pct"); change = int(args[i + 1]); del args[i:i + 2]
    rows, out = int(args[0]), args[1]
    r = random.Random(seed)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = f.write
        w("email,first_name,last_name,company,phone,customFields.plan,customFields.score\r\n")
        buf = []
        for i in range(1, rows + 1):
            first = r.choice(FIRST)
            last = r.choice(LAST)
            quoted = (i % 2 == 0)          # exactly half the rows carry a quoted field
            company = r.choice(COMPANY_QUOTED) if quoted else r.choice(COMPANY_PLAIN)
            email = mixed_case(f"{first[:1] if first.isascii() else 'u'}.user{i}@{r.choice(DOMAINS)}", r)
            ph = phone(r)
            plan = r.choice(PLANS)
            score = r.randrange(0, 1000)
            if changed(i, change):
                first = first + "-2"
                company = company + " (new)"
                score = score + 1000
            buf.append(f"{email},{cell(first)},{cell(last)},{cell(company)},{ph},{plan},{score}\r\n")
            if len(buf) >= 10000:
                w(''.join(buf)); buf.clear()
        w(''.join(buf))


if __name__ == "__main__":
    main()
