-- sen2_gen.sql: a national-scale synthetic SEND caseload for bench/sen2.sh (docs/sen2.md
-- says which records feed each SEN2 item). Run by the sqlite3 CLI on a database that
-- `sendap migrate` has just made, after bench/sen2.sh has:
--   - made TEMP TABLE param(plans, las): children with a plan, LAs to spread them over;
--   - dropped the secondary indexes of the tables filled here (they are made again after,
--     from the DDL sendap's migrations wrote, which is much faster than keeping them up to
--     date row by row with random ids).
-- For generation only: no journal, no fsync, a big page cache, one transaction.
--
-- Shape (the percentages are of children):
--   - PLANS children with a final plan (plan_version 1, 'final'), requested 2019-01 to
--     2026-06, decided to assess 4-7 weeks later, final plan 100-219 days after the
--     request (some over 20 weeks, a few issued in January 2027 before the census);
--     3% also had an earlier request refused;
--   - PLANS * 15% more children with a request and no plan: open (no decision yet, or
--     assessing), refused, not issued after assessing, or withdrawn;
--   - LAs: the first LAS current LAs by code, weighted 1 to 3 (the largest has 3 times
--     the children of the smallest);
--   - 20 settings per LA (6-digit URNs; a few with a SEN unit or resourced provision);
--     every child on a roll except the 1% of plans naming elective home education; half
--     the plans name the setting (placement_named);
--   - primary need in SEN2-like shares (never NSA), a secondary need for 30%;
--   - upn NULL and upn_unknown 'UN1' (the checks only warn on it);
--   - 5% of plans a personal budget (held by the parent 3%, the LA 2%);
--   - 5% of plan cases a 20-week exception; 60% of plans made before 2026 an annual
--     review with its meeting in 2026; 2% of them ceased in 2026;
--   - 0.5% of plans moved in during 2026; mediation and appeals on some refusals.
-- Ids are random hex (lower(hex(randomblob(8)))), never sequential, as sendap's are. Rows
-- go in in date order (requests, events, plans, placements, reviews), as they arrive in a
-- live system, so one LA's rows are spread over the whole of each table.

PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1048576;
PRAGMA temp_store = MEMORY;
PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TEMP TABLE param AS SELECT @PLANS@ AS plans, @LAS@ AS las;

-- ---- local authorities and their weights ----
CREATE TEMP TABLE bla AS
SELECT code, row_number() OVER (ORDER BY code) - 1 AS k
FROM local_authority WHERE effective_to IS NULL ORDER BY code
LIMIT (SELECT las FROM param);

-- lo: the first child index of the LA (children are numbered 0 .. total-1)
CREATE TEMP TABLE bla2 (lo INTEGER PRIMARY KEY, code TEXT NOT NULL, k INTEGER NOT NULL);
INSERT INTO bla2 (lo, code, k)
SELECT CAST(total * (cw - w) / sw AS INTEGER), code, k
FROM (SELECT code, k, w, sum(w) OVER (ORDER BY k) AS cw, sum(w) OVER () AS sw
      FROM (SELECT code, k, 1.0 + 2.0 * ((k * 61) % n) / (n - 1) AS w
            FROM bla, (SELECT count(*) AS n FROM bla))),
     (SELECT plans * 115 / 100 AS total FROM param);
CREATE TEMP TABLE bla_k (k INTEGER PRIMARY KEY, code TEXT NOT NULL);
INSERT INTO bla_k SELECT k, code FROM bla;

-- ---- small code lists ----
CREATE TEMP TABLE given (n INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO given (name) VALUES ('Olivia'), ('Muhammad'), ('Amelia'), ('Noah'), ('Isla'),
  ('Oliver'), ('Ava'), ('George'), ('Lily'), ('Leo'), ('Freya'), ('Arthur'), ('Ivy'),
  ('Oscar'), ('Florence'), ('Harry'), ('Willow'), ('Theo'), ('Sophia'), ('Jack'), ('Aisha'),
  ('Zain'), ('Grace'), ('Finley'), ('Mia'), ('Charlie'), ('Evie'), ('Jacob'), ('Chloe'),
  ('Alfie'), ('Amara'), ('Kai');
CREATE TEMP TABLE family (n INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO family (name) VALUES ('Smith'), ('Jones'), ('Taylor'), ('Brown'), ('Williams'),
  ('Wilson'), ('Johnson'), ('Davies'), ('Patel'), ('Robinson'), ('Wright'), ('Thompson'),
  ('Evans'), ('Walker'), ('White'), ('Roberts'), ('Green'), ('Hall'), ('Wood'), ('Jackson'),
  ('Clarke'), ('Khan'), ('Ahmed'), ('Hussain'), ('Ali'), ('O''Brien'), ('Nowak'),
  ('Okafor'), ('Mensah'), ('Begum'), ('Kaur'), ('Singh'), ('Murphy'), ('Hughes'),
  ('Edwards'), ('Lewis'), ('Scott'), ('Turner'), ('Hill'), ('Cooper');
CREATE TEMP TABLE area (n INTEGER PRIMARY KEY, code TEXT NOT NULL);
INSERT INTO area (code) VALUES ('N'), ('E'), ('SW'), ('SE'), ('W'), ('B'), ('M'), ('LS'),
  ('NE'), ('BS'), ('L'), ('S'), ('CB'), ('OX'), ('KT'), ('BR'), ('CR'), ('DA'), ('EN'),
  ('HA'), ('NG'), ('LE'), ('CV'), ('PL');
-- primary need, in 100 slots: roughly the shares of EHC plans in DfE's statistics
CREATE TEMP TABLE need_slot (slot INTEGER PRIMARY KEY, code TEXT NOT NULL);
WITH RECURSIVE s(slot) AS (SELECT 0 UNION ALL SELECT slot + 1 FROM s WHERE slot < 99)
INSERT INTO need_slot
SELECT slot, CASE
  WHEN slot < 33 THEN 'ASD' WHEN slot < 52 THEN 'SLCN' WHEN slot < 70 THEN 'SEMH'
  WHEN slot < 78 THEN 'MLD' WHEN slot < 83 THEN 'SLD' WHEN slot < 87 THEN 'SPLD'
  WHEN slot < 90 THEN 'PD' WHEN slot < 91 THEN 'PMLD' WHEN slot < 92 THEN 'HI'
  WHEN slot < 93 THEN 'VI' WHEN slot < 94 THEN 'MSI' WHEN slot < 95 THEN 'DS'
  ELSE 'OTH' END FROM s;
CREATE TEMP TABLE eth_slot (slot INTEGER PRIMARY KEY, code TEXT NOT NULL);
WITH RECURSIVE s(slot) AS (SELECT 0 UNION ALL SELECT slot + 1 FROM s WHERE slot < 99)
INSERT INTO eth_slot
SELECT slot, CASE
  WHEN slot < 64 THEN 'WBRI' WHEN slot < 68 THEN 'WOTH' WHEN slot < 72 THEN 'MOTH'
  WHEN slot < 76 THEN 'BAFR' WHEN slot < 79 THEN 'APKN' WHEN slot < 82 THEN 'AIND'
  WHEN slot < 85 THEN 'ABAN' WHEN slot < 88 THEN 'BCRB' WHEN slot < 91 THEN 'MWBC'
  WHEN slot < 94 THEN 'AOTH' WHEN slot < 96 THEN 'WIRI' WHEN slot < 98 THEN 'CHNE'
  ELSE 'NOBT' END FROM s;
-- setting types of schools with a URN (not FE colleges, which are returned by UKPRN)
CREATE TEMP TABLE stype (n INTEGER PRIMARY KEY, code TEXT NOT NULL);
INSERT INTO stype (n, code) VALUES (0, '01'), (1, '34'), (2, '28'), (3, '02'), (4, '03'),
  (5, '34'), (6, '07'), (7, '44'), (8, '35'), (9, '05'), (10, '10'), (11, '28'),
  (12, '12'), (13, '14'), (14, '01'), (15, '36'), (16, '34'), (17, '08'), (18, '43'),
  (19, '33');

-- ---- settings: 20 per LA ----
CREATE TEMP TABLE borg (la TEXT NOT NULL, slot INTEGER NOT NULL, id TEXT NOT NULL,
  sen_unit INTEGER NOT NULL, PRIMARY KEY (la, slot));
WITH RECURSIVE s(slot) AS (SELECT 0 UNION ALL SELECT slot + 1 FROM s WHERE slot < 19)
INSERT INTO borg SELECT bla.code, s.slot, lower(hex(randomblob(8))), s.slot % 10 = 0
FROM bla, s;
INSERT INTO organisation (id, kind, name, la_code, urn, setting_type, age_from, age_to,
  postcode, capacity, sen_unit, resourced_provision, created_at)
SELECT b.id, 'setting', 'Bench ' || b.la || ' school ' || (b.slot + 1), b.la,
  printf('%06d', 100000 + bla.k * 20 + b.slot), stype.code, 2, 25,
  printf('%s%d %dAB', area.code, 1 + b.slot % 9, b.slot % 10), 300 + 50 * b.slot,
  b.sen_unit, b.slot % 10 = 1, '2024-09-01T00:00:00Z'
FROM borg b JOIN bla ON bla.code = b.la JOIN stype ON stype.n = b.slot
JOIN area ON area.n = 1 + (bla.k + b.slot) % 24;

-- ---- the children: one generator row each, random draws stored once ----
CREATE TEMP TABLE g (i INTEGER PRIMARY KEY, child_id TEXT NOT NULL, case_id TEXT NOT NULL,
  plan INTEGER NOT NULL, r1 INTEGER NOT NULL, r2 INTEGER NOT NULL, r3 INTEGER NOT NULL,
  r4 INTEGER NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n, param
                        WHERE i + 1 < param.plans * 115 / 100)
INSERT INTO g SELECT i, lower(hex(randomblob(8))), lower(hex(randomblob(8))),
  i % 115 >= 15, abs(random() % 1000000007), abs(random() % 1000000007),
  abs(random() % 1000000007), abs(random() % 1000000007)
FROM n;

-- kind: plan; open (no decision yet); assessing (open); not_assess; not_issue;
-- withdrawn (before deciding); withdrawn_after (after deciding to assess)
CREATE TEMP TABLE g1 (i INTEGER PRIMARY KEY, child_id TEXT, case_id TEXT, la TEXT,
  la_k INTEGER, kind TEXT, dob TEXT, r1 INTEGER, r2 INTEGER, r3 INTEGER, r4 INTEGER);
INSERT INTO g1
SELECT g.i, g.child_id, g.case_id, la.code, la.k,
  CASE WHEN g.plan THEN 'plan'
       WHEN g.r2 % 100 < 25 THEN 'open'
       WHEN g.r2 % 100 < 40 THEN 'assessing'
       WHEN g.r2 % 100 < 70 THEN 'not_assess'
       WHEN g.r2 % 100 < 85 THEN 'not_issue'
       WHEN g.r2 % 100 < 92 THEN 'withdrawn'
       ELSE 'withdrawn_after' END,
  -- plans: ages 2 to 24 on 2026-08-31; requests without a plan: 0 to 24
  date('2026-08-31', '-' || (CASE WHEN g.plan THEN 730 + g.r1 % 8030 ELSE g.r1 % 9125 END)
       || ' days'),
  g.r1, g.r2, g.r3, g.r4
FROM g JOIN bla2 la ON la.lo = (SELECT lo FROM bla2 WHERE lo <= g.i ORDER BY lo DESC LIMIT 1);

-- the dates of each child's case
CREATE TEMP TABLE g2 (i INTEGER PRIMARY KEY, child_id TEXT, case_id TEXT, la TEXT,
  la_k INTEGER, kind TEXT, dob TEXT, req TEXT, dec TEXT, fin TEXT, r1 INTEGER, r2 INTEGER,
  r3 INTEGER, r4 INTEGER);
INSERT INTO g2
SELECT i, child_id, case_id, la, la_k, kind, dob, req,
  date(req, '+' || (28 + r4 % 20) || ' days'),
  CASE kind
    WHEN 'plan' THEN date(req, '+' || (100 + r4 % 120) || ' days')
    WHEN 'not_issue' THEN date(req, '+' || (90 + r4 % 60) || ' days')
    WHEN 'withdrawn' THEN date(req, '+20 days')
    WHEN 'withdrawn_after' THEN date(req, '+' || (60 + r4 % 30) || ' days')
  END,
  r1, r2, r3, r4
FROM (SELECT *, max(CASE kind
    WHEN 'plan' THEN date('2019-01-01', '+' || (r3 % 2721) || ' days')
    WHEN 'open' THEN date('2026-09-01', '+' || (r3 % 120) || ' days')
    WHEN 'assessing' THEN date('2026-05-01', '+' || (r3 % 180) || ' days')
    ELSE date('2024-01-01', '+' || (r3 % 1000) || ' days') END,
    date(dob, '+30 days')) AS req FROM g1);
DROP TABLE g;
DROP TABLE g1;

-- the setting each child attends (none for the plans naming elective home education)
CREATE TEMP TABLE gpl (i INTEGER PRIMARY KEY, org TEXT, sen_unit INTEGER);
INSERT INTO gpl
SELECT g2.i, b.id, b.sen_unit AND g2.r3 % 3 = 0 FROM g2
JOIN borg b ON b.la = g2.la AND b.slot = g2.r4 % 20
WHERE NOT (g2.kind = 'plan' AND g2.r2 % 100 = 99);

-- ---- child ----
INSERT INTO child (id, given_name, family_name, search_given, search_family, date_of_birth,
  sex, ethnicity, postcode, la_code, upn, uln, disadvantaged, primary_need, sen_status,
  created_at, updated_at, upn_unknown, secondary_need)
SELECT g2.child_id, gv.name, fm.name, lower(gv.name), lower(fm.name), g2.dob,
  CASE WHEN g2.r1 % 100 < 72 THEN 'M' ELSE 'F' END, eth.code,
  printf('%s%d %d%s%s', area.code, 1 + g2.r2 % 9, g2.r2 / 10 % 10,
         substr('ABDEFGHJLNPQRSTUWXYZ', 1 + g2.r3 / 100 % 20, 1),
         substr('ABDEFGHJLNPQRSTUWXYZ', 1 + g2.r4 / 100 % 20, 1)),
  g2.la, NULL, NULL, g2.r3 % 4 = 0, nd.code,
  CASE g2.kind WHEN 'plan' THEN 'ehcp' ELSE 'sen_support' END,
  g2.req || 'T09:00:00Z', g2.req || 'T09:00:00Z', 'UN1',
  CASE WHEN g2.r4 % 10 < 3 THEN nd2.code END
FROM g2
JOIN given gv ON gv.n = 1 + g2.r1 / 7 % 32
JOIN family fm ON fm.n = 1 + g2.r2 / 7 % 40
JOIN area ON area.n = 1 + g2.r3 / 7 % 24
JOIN eth_slot eth ON eth.slot = g2.r4 / 7 % 100
JOIN need_slot nd ON nd.slot = g2.r1 / 1000 % 100
JOIN need_slot nd2 ON nd2.slot = (g2.r1 / 1000 % 100 + 37) % 100
ORDER BY g2.req;

-- ---- on the roll ----
INSERT INTO child_setting (child_id, organisation_id, relation, started_on, ended_on,
  sen_unit, resourced_provision, residential, work_based)
SELECT g2.child_id, gpl.org, 'roll',
  min(max(date(g2.dob, '+2 years'), date('2025-09-01', '-' || (g2.r3 % 2000) || ' days')),
      '2026-09-01'),
  NULL, gpl.sen_unit, 0,
  CASE WHEN g2.r1 % 200 = 0 THEN 'A' WHEN g2.r1 % 200 = 1 THEN 'B' END,
  CASE WHEN g2.dob <= '2010-08-31' AND g2.r2 % 40 = 0 THEN 'S' END
FROM g2 JOIN gpl ON gpl.i = g2.i
ORDER BY 4;

-- ---- the assessment cases ----
INSERT INTO assessment_case (id, child_id, la_code, requested_by, requested_on, state,
  next_step, next_due, closed_on, created_at, updated_at, rya)
SELECT case_id, child_id, la,
  CASE WHEN r4 % 100 < 55 THEN 'parent'
       WHEN r4 % 100 < 62 AND dob <= '2010-08-31' THEN 'young_person'
       WHEN r4 % 100 < 88 THEN 'setting'
       WHEN r4 % 100 < 94 THEN 'health' ELSE 'social_care' END,
  req,
  CASE kind WHEN 'plan' THEN 'plan' WHEN 'open' THEN 'requested'
            WHEN 'assessing' THEN 'assessing' WHEN 'not_assess' THEN 'not_assessing'
            WHEN 'not_issue' THEN 'not_issuing' ELSE 'withdrawn' END,
  CASE kind WHEN 'open' THEN 'decide_to_assess' WHEN 'assessing' THEN 'draft' END,
  CASE kind WHEN 'open' THEN date(req, '+42 days')
            WHEN 'assessing' THEN date(req, '+112 days') END,
  CASE kind WHEN 'open' THEN NULL WHEN 'assessing' THEN NULL
            WHEN 'not_assess' THEN dec ELSE fin END,
  req || 'T09:00:00Z', coalesce(fin, dec, req) || 'T09:00:00Z', r1 % 1000 = 0
FROM g2 ORDER BY req;

-- an earlier request, refused, for 3% of the children with a plan
CREATE TEMP TABLE gprior (case_id TEXT PRIMARY KEY, child_id TEXT, la TEXT, req TEXT,
  dec TEXT);
INSERT INTO gprior
SELECT lower(hex(randomblob(8))), child_id, la, date(req, '-400 days'),
  date(req, '-358 days')
FROM g2 WHERE kind = 'plan' AND r3 % 100 < 3 AND date(req, '-400 days') > date(dob, '+30 days');
INSERT INTO assessment_case (id, child_id, la_code, requested_by, requested_on, state,
  closed_on, created_at, updated_at)
SELECT case_id, child_id, la, 'parent', req, 'not_assessing', dec, req || 'T09:00:00Z',
  dec || 'T09:00:00Z'
FROM gprior;

-- ---- their events ----
INSERT INTO case_event (case_id, seq, type, happened_on, recorded_at)
SELECT case_id, 1, 'request', req, req || 'T09:00:00Z' FROM g2
UNION ALL
SELECT case_id, 2,
  CASE kind WHEN 'not_assess' THEN 'decision_not_to_assess' WHEN 'withdrawn' THEN 'withdrawn'
            ELSE 'decision_to_assess' END,
  CASE kind WHEN 'withdrawn' THEN fin ELSE dec END,
  CASE kind WHEN 'withdrawn' THEN fin ELSE dec END || 'T09:00:00Z'
FROM g2 WHERE kind <> 'open'
UNION ALL
SELECT case_id, 3, 'draft_issued', date(fin, '-30 days'), date(fin, '-30 days') || 'T09:00:00Z'
FROM g2 WHERE kind = 'plan'
UNION ALL
SELECT case_id, CASE kind WHEN 'plan' THEN 4 ELSE 3 END,
  CASE kind WHEN 'plan' THEN 'final_plan_issued' WHEN 'not_issue' THEN 'decision_not_to_issue'
            ELSE 'withdrawn' END,
  fin, fin || 'T09:00:00Z'
FROM g2 WHERE kind IN ('plan', 'not_issue', 'withdrawn_after')
UNION ALL
SELECT case_id, 1, 'request', req, req || 'T09:00:00Z' FROM gprior
UNION ALL
SELECT case_id, 2, 'decision_not_to_assess', dec, dec || 'T09:00:00Z' FROM gprior
ORDER BY 4;

-- 20-week exceptions on 5% of the plan cases (one in five with a reason that does not
-- excuse the 20 weeks)
INSERT INTO case_exception (case_id, starts_on, ends_on, reason, recorded_at)
SELECT case_id, date(req, '+50 days'), date(req, '+' || (60 + r1 % 30) || ' days'),
  CASE r1 % 5 WHEN 0 THEN 'family_circumstances' WHEN 1 THEN 'child_away'
              WHEN 2 THEN 'setting_closed' WHEN 3 THEN 'missed_appointment'
              ELSE 'other' END,
  date(req, '+50 days') || 'T09:00:00Z'
FROM g2 WHERE kind = 'plan' AND r3 % 20 = 0;

-- ---- the plans ----
INSERT INTO plan_version (id, child_ref, version, status, template, content, hash,
  created_at, issued_on)
SELECT lower(hex(randomblob(8))), child_id, 1, 'final', 'national/1',
  CASE WHEN r2 % 100 < 3 THEN '{"personal_budget":{"held_by":"parent"}}'
       WHEN r2 % 100 < 5 THEN '{"personal_budget":{"held_by":"la"}}'
       ELSE '{"personal_budget":null}' END,
  lower(hex(randomblob(32))), fin || 'T10:00:00Z', fin
FROM g2 WHERE kind = 'plan' ORDER BY fin;

-- the setting named in half the plans; elective home education named for 1%
INSERT INTO placement_named (id, child_id, setting_id, setting_type, reasons, named_on)
SELECT lower(hex(randomblob(8))), g2.child_id, gpl.org,
  CASE WHEN gpl.org IS NULL THEN 'EHE' END,
  'The setting can meet the needs in the plan (bench data)', date(g2.fin, '-5 days')
FROM g2 LEFT JOIN gpl ON gpl.i = g2.i
WHERE g2.kind = 'plan' AND (g2.r3 % 2 = 0 OR gpl.org IS NULL)
ORDER BY 6;

-- annual reviews held in 2026 for 60% of the plans made before 2026
INSERT INTO review (id, child_id, la_code, setting_id, kind, due_on, rules_version,
  invitations_on, meeting_on, report_on, decision, decision_on, notice_channel,
  notice_served_on, closed_on, created_at, updated_at)
SELECT lower(hex(randomblob(8))), child_id, la, org, 'annual', m, '2014-09-01',
  date(m, '-21 days'), m, date(m, '+7 days'),
  CASE WHEN r1 % 100 < 80 THEN 'maintain' WHEN r1 % 100 < 97 THEN 'amend' ELSE 'cease' END,
  date(m, '+' || (7 + r1 % 21) || ' days'), 'email',
  date(m, '+' || (7 + r1 % 21) || ' days'),
  date(m, '+' || (7 + r1 % 21) || ' days'),
  date(m, '-42 days') || 'T09:00:00Z', date(m, '+7 days') || 'T09:00:00Z'
FROM (SELECT g2.*, gpl.org, date('2026-01-05', '+' || (g2.r4 % 340) || ' days') AS m
      FROM g2 LEFT JOIN gpl ON gpl.i = g2.i
      WHERE g2.kind = 'plan' AND g2.fin < '2026-01-01' AND g2.r3 % 10 < 6)
ORDER BY m;

-- 2% of the plans made before 2026 ceased in 2026
INSERT INTO plan_cease (id, child_id, la_code, reason, reason_on, decided_on, notice_on,
  appeal_by, ceases_on, recorded_at)
SELECT lower(hex(randomblob(8))), child_id, la,
  CASE WHEN r4 % 100 < 30 THEN '1' WHEN r4 % 100 < 55 THEN '2' WHEN r4 % 100 < 60 THEN '3'
       WHEN r4 % 100 < 70 THEN '4' WHEN r4 % 100 < 85 THEN '5' WHEN r4 % 100 < 90 THEN '6'
       WHEN r4 % 100 < 93 THEN '7' WHEN r4 % 100 < 94 THEN '8' ELSE '9' END,
  d, d, d, date(d, '+2 months'), date(d, '+35 days'), d || 'T09:00:00Z'
FROM (SELECT *, date('2026-01-10', '+' || (r4 % 300) || ' days') AS d FROM g2
      WHERE kind = 'plan' AND fin < '2026-01-01' AND r1 % 50 = 7);

-- 0.5% of the plans moved in from another LA during 2026
INSERT INTO child_move (id, child_id, from_la, to_la, transferred_on, notify_by, notified_on,
  recorded_at)
SELECT lower(hex(randomblob(8))), g2.child_id, other.code, g2.la, t, date(t, '+15 days'),
  date(t, '+10 days'), t || 'T09:00:00Z'
FROM (SELECT *, date('2026-02-01', '+' || (r4 % 250) || ' days') AS t FROM g2
      WHERE kind = 'plan' AND r1 % 200 = 3) g2
JOIN bla_k other ON other.k = (g2.la_k + 1) % (SELECT count(*) FROM bla_k);

-- disagreements: mediation held on 10% of the refusals to assess, an appeal on 5%, and
-- on the refusals to issue
INSERT INTO mediation (id, child_id, la_code, decision, decision_served_on, contacted_on,
  la_told_on, held_on, outcome, agencies, certificate_on, created_at, updated_at)
SELECT lower(hex(randomblob(8))), child_id, la,
  CASE kind WHEN 'not_assess' THEN 'refuse_assess' ELSE 'refuse_issue' END,
  date(x, '+2 days'), date(x, '+20 days'), date(x, '+22 days'), date(x, '+50 days'),
  'not_agreed', 'education', date(x, '+52 days'), date(x, '+20 days') || 'T09:00:00Z',
  date(x, '+52 days') || 'T09:00:00Z'
FROM (SELECT *, CASE kind WHEN 'not_assess' THEN dec ELSE fin END AS x FROM g2
      WHERE kind IN ('not_assess', 'not_issue') AND r3 % 10 = 1);
INSERT INTO tribunal_appeal (id, child_id, la_code, decision, decision_served_on,
  registered_on, issues, grounds, created_at)
SELECT lower(hex(randomblob(8))), child_id, la,
  CASE kind WHEN 'not_assess' THEN 'refuse_assess' ELSE 'refuse_issue' END,
  date(x, '+2 days'), date(x, '+60 days'), 'assess', 'The LA did not consider the evidence',
  date(x, '+60 days') || 'T09:00:00Z'
FROM (SELECT *, CASE kind WHEN 'not_assess' THEN dec ELSE fin END AS x FROM g2
      WHERE kind IN ('not_assess', 'not_issue') AND r3 % 20 = 2);

COMMIT;
