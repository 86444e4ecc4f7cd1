"""clock_cases.py N SEED: N realistic EHC case histories for `sendap clock`, as one JSON array
on standard output. Deterministic: the same N and SEED give the same bytes. See bench/README.md.

The mix, roughly as cases stand on a caseload: 15% just requested; 20% refused an assessment
(notice served a few days later; some appeal, some decline mediation); 5% withdrawn; 10%
assessed and refused a plan; 50% with a final plan (2-4 pieces of advice, a draft, 1-3
consultations, 0-6 annual reviews, the odd appeal). One in six has an exception period.
Requests fall between September 2014 and 2026, so every rule version is used."""
import json
import random
import sys
from datetime import date, timedelta

ADVICE = ["educational_psychologist", "health", "social_care", "school", "speech_language"]
REASONS = ["child_away", "family_circumstances", "setting_closed", "missed_appointment", "coronavirus"]


def history(r):
    start = date(2014, 9, 1) + timedelta(days=r.randrange(0, 4400))
    ev = [("request", start, None, None)]
    day = start

    def later(lo, hi):
        nonlocal day
        day = day + timedelta(days=r.randrange(lo, hi))
        return day

    kind = r.random()
    if kind < 0.15:
        pass
    elif kind < 0.35:
        d = later(20, 50)
        ev.append(("decision_not_to_assess", d, None, d + timedelta(days=r.randrange(0, 5))))
        if r.random() < 0.3:
            ev.append(("mediation_declined", later(10, 40), None, None))
            ev.append(("mediation_certificate_issued", later(1, 7), None, None))
        if r.random() < 0.4:
            ev.append(("appeal_lodged", later(5, 60), None, None))
    elif kind < 0.40:
        ev.append(("withdrawn", later(5, 60), None, None))
    else:
        ev.append(("decision_to_assess", later(20, 50), None, None))
        items = r.sample(ADVICE, r.randrange(2, 5))
        asked = later(1, 10)
        for it in items:
            ev.append(("advice_requested", asked, it, None))
        for it in items:
            ev.append(("advice_received", asked + timedelta(days=r.randrange(20, 60)), it, None))
        day = asked + timedelta(days=60)
        if kind < 0.50:
            d = later(5, 40)
            ev.append(("decision_not_to_issue", d, None, d + timedelta(days=r.randrange(0, 4))))
        else:
            ev.append(("draft_issued", later(0, 20), None, None))
            for k in range(r.randrange(1, 4)):
                sent = day + timedelta(days=k)
                ev.append(("consultation_sent", sent, "setting_%d" % k, None))
                ev.append(("consultation_answered", sent + timedelta(days=r.randrange(5, 30)),
                           "setting_%d" % k, None))
            ev.append(("draft_comments_received", later(3, 14), None, None))
            d = later(5, 30)
            ev.append(("final_plan_issued", d, None, d + timedelta(days=r.randrange(0, 3))))
            if r.random() < 0.1:
                ev.append(("appeal_lodged", later(20, 60), None, None))
            for _ in range(r.randrange(0, 7)):
                ev.append(("review_completed", later(300, 420), None, None))
    ev.sort(key=lambda e: e[1])
    out = {"events": []}
    for t, d, item, served in ev:
        e = {"type": t, "date": d.isoformat()}
        if item:
            e["item"] = item
        if served:
            e["served"] = served.isoformat()
        out["events"].append(e)
    if r.random() < 1 / 6:
        f = start + timedelta(days=r.randrange(0, 100))
        out["exceptions"] = [{"reason": r.choice(REASONS), "from": f.isoformat(),
                              "to": (f + timedelta(days=r.randrange(7, 45))).isoformat()}]
    out["as_of"] = max(day, start + timedelta(days=r.randrange(0, 400))).isoformat()
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    r = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    json.dump([history(r) for _ in range(n)], sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
