#!/usr/bin/env python3
"""Generate reference/bank_holidays.csv: England and Wales bank holidays.

Usage:
    python3 reference/bank_holidays.py            # write bank_holidays.csv beside this script
    python3 reference/bank_holidays.py --check    # also compare with the GOV.UK snapshot below
    python3 reference/bank_holidays.py --stdout   # print the CSV instead of writing it

Rules (England and Wales, Banking and Financial Dealings Act 1971 plus
Royal Proclamations):
  * New Year's Day, 1 January; if Sat/Sun, the substitute is the next Monday.
  * Good Friday and Easter Monday; Easter Sunday by the anonymous Gregorian
    algorithm (Meeus/Jones/Butcher).
  * Early May bank holiday: first Monday in May.
  * Spring bank holiday: last Monday in May.
  * Summer bank holiday: last Monday in August.
  * Christmas Day, 25 December, and Boxing Day, 26 December; a day that falls
    on a Saturday or Sunday gets a substitute on the next weekday that is not
    already a bank holiday (so Christmas on Saturday -> Mon 27 and Tue 28;
    Christmas on Sunday -> Boxing Day Mon 26 and Christmas substitute Tue 27).
One-off changes by proclamation are listed in ONE_OFFS. A one-off can move a
rule day (the rule date is then dropped) or add a day.

Future years (after the GOV.UK snapshot) are computed from the rules only: any
one-off proclaimed later must be added to ONE_OFFS and the CSV regenerated.
"""
import csv
import datetime as dt
import io
import os
import sys

FIRST_YEAR = 2014
LAST_YEAR = 2035

# (year, name of the rule holiday it replaces or None, date, name)
ONE_OFFS = [
    (2020, "Early May bank holiday", dt.date(2020, 5, 8), "Early May bank holiday (VE day)"),
    (2022, "Spring bank holiday", dt.date(2022, 6, 2), "Spring bank holiday"),
    (2022, None, dt.date(2022, 6, 3), "Platinum Jubilee bank holiday"),
    (2022, None, dt.date(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
    (2023, None, dt.date(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
]

# England-and-Wales dates from GOV.UK https://www.gov.uk/bank-holidays.json,
# taken from stored public copies of that file (2012-2020 and 2019-2027 editions).
GOVUK_SNAPSHOT = {
    2014: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2015: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2016: ["01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27"],
    2017: ["01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
    2018: ["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"],
    2019: ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19",
           "12-26", "12-27"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25",
           "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
}


def easter_sunday(year):
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = ((h + l - 7 * m + 114) % 31) + 1
    return dt.date(year, month, day)


def first_monday(year, month):
    d = dt.date(year, month, 1)
    return d + dt.timedelta(days=(7 - d.weekday()) % 7)


def last_monday(year, month):
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    d = nxt - dt.timedelta(days=1)
    return d - dt.timedelta(days=d.weekday())


def is_weekend(d):
    return d.weekday() >= 5


def rule_holidays(year):
    """List of (date, name) from the standing rules, before one-offs."""
    out = []
    ny = dt.date(year, 1, 1)
    if is_weekend(ny):
        out.append((ny + dt.timedelta(days=7 - ny.weekday()), "New Year's Day (substitute day)"))
    else:
        out.append((ny, "New Year's Day"))
    easter = easter_sunday(year)
    out.append((easter - dt.timedelta(days=2), "Good Friday"))
    out.append((easter + dt.timedelta(days=1), "Easter Monday"))
    out.append((first_monday(year, 5), "Early May bank holiday"))
    out.append((last_monday(year, 5), "Spring bank holiday"))
    out.append((last_monday(year, 8), "Summer bank holiday"))
    # Christmas and Boxing Day: keep weekday ones, then give each weekend one
    # the next free weekday, Christmas first.
    taken = set()
    pending = []
    for d, name in ((dt.date(year, 12, 25), "Christmas Day"), (dt.date(year, 12, 26), "Boxing Day")):
        if is_weekend(d):
            pending.append((d, name))
        else:
            taken.add(d)
            out.append((d, name))
    for d, name in pending:
        s = d + dt.timedelta(days=1)
        while is_weekend(s) or s in taken:
            s += dt.timedelta(days=1)
        taken.add(s)
        out.append((s, name + " (substitute day)"))
    return out


def holidays(year):
    """List of (date, name, rule) with rule = 'rule' or 'one-off'."""
    rows = [(d, n, "rule") for d, n in rule_holidays(year)]
    for y, replaces, d, name in ONE_OFFS:
        if y != year:
            continue
        if replaces is not None:
            before = len(rows)
            rows = [r for r in rows if r[1] != replaces]
            if len(rows) != before - 1:
                raise SystemExit("one-off %s: cannot find rule day %r" % (d, replaces))
        rows.append((d, name, "one-off"))
    rows.sort()
    return rows


def all_rows():
    rows = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        rows.extend(holidays(year))
    return rows


def to_csv(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["date", "name", "rule"])
    for d, name, rule in rows:
        w.writerow([d.isoformat(), name, rule])
    return buf.getvalue()


def check(rows):
    ok = True
    by_year = {}
    for d, _, _ in rows:
        by_year.setdefault(d.year, []).append(d.strftime("%m-%d"))
    for year, want in sorted(GOVUK_SNAPSHOT.items()):
        if year > LAST_YEAR:
            continue
        got = sorted(by_year.get(year, []))
        if got != sorted(want):
            ok = False
            print("MISMATCH %d: computed %s, GOV.UK %s" % (year, got, sorted(want)), file=sys.stderr)
    print("check against GOV.UK snapshot %d-%d: %s" % (
        min(GOVUK_SNAPSHOT), max(GOVUK_SNAPSHOT), "OK" if ok else "FAILED"), file=sys.stderr)
    return ok


def main(argv):
    rows = all_rows()
    text = to_csv(rows)
    if "--check" in argv and not check(rows):
        return 1
    if "--stdout" in argv:
        sys.stdout.write(text)
    else:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bank_holidays.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print("wrote %s (%d rows)" % (path, len(rows)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
