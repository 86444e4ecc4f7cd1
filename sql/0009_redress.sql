-- 0009_redress: disagreeing with a decision. Mediation (the adviser contacted, declined
-- with a certificate, or held with its outcome and a certificate), appeals to the SEND
-- Tribunal with their issues, and the tribunal's orders with their compliance clocks
-- (worked out from reference/redress/england.json, not stored). The decision disagreed
-- with is named by kind and its notice's service date.

CREATE TABLE mediation (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    decision TEXT NOT NULL,            -- see src/redress/redress.h: 'refuse_assess', ...
    decision_served_on TEXT NOT NULL,
    contacted_on TEXT NOT NULL,        -- the family contacted the mediation adviser
    declined_on TEXT,                  -- ... and told them they will not mediate
    la_told_on TEXT,                   -- or told the LA they wish to mediate
    held_on TEXT,
    outcome TEXT,                      -- 'agreed', 'partly_agreed', 'not_agreed'
    agencies TEXT,                     -- who took part: 'education,health,care'
    certificate_on TEXT,               -- the certificate (after declining, or mediating)
    recorded_by TEXT REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX mediation_child ON mediation (child_id, contacted_on);
CREATE INDEX mediation_la ON mediation (la_code, held_on);

CREATE TABLE tribunal_appeal (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    decision TEXT NOT NULL,
    decision_served_on TEXT NOT NULL,
    mediation_id TEXT REFERENCES mediation (id),
    registered_on TEXT NOT NULL,
    late INTEGER NOT NULL DEFAULT 0,   -- registered after its window, the tribunal allowing it
    issues TEXT NOT NULL,              -- 'B,F,I' or 'assess', ...
    grounds TEXT NOT NULL,
    response_due TEXT,                 -- the council's response, in working days
    response_sent_on TEXT,
    hearing_on TEXT,
    decided_on TEXT,
    outcome TEXT,                      -- 'upheld', 'partly_upheld', 'dismissed', 'withdrawn', 'conceded'
    issue_outcomes TEXT,               -- each issue's outcome: 'F:upheld,I:dismissed'
    created_by TEXT REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX tribunal_appeal_child ON tribunal_appeal (child_id, registered_on);
CREATE INDEX tribunal_appeal_la ON tribunal_appeal (la_code, decided_on);

CREATE TABLE tribunal_order (
    id TEXT PRIMARY KEY,
    appeal_id TEXT NOT NULL REFERENCES tribunal_appeal (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    type TEXT NOT NULL,                -- src/redress/rules.h: 'assess', 'amend', ...
    ordered_on TEXT NOT NULL,          -- or the LA's notice not to oppose
    created_by TEXT REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX tribunal_order_la ON tribunal_order (la_code, ordered_on);

CREATE TABLE tribunal_order_step (
    order_id TEXT NOT NULL REFERENCES tribunal_order (id),
    step TEXT NOT NULL,
    done_on TEXT NOT NULL,
    recorded_by TEXT REFERENCES user_account (id),
    PRIMARY KEY (order_id, step)
);

-- Complaints, and disagreement resolution, against the LA, a setting or a health body,
-- each stage with its response due (working days set per LA and body; defaults in
-- src/redress/complaints.c).
CREATE TABLE complaint (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    route TEXT NOT NULL,               -- 'complaint', 'disagreement_resolution'
    body_kind TEXT NOT NULL,           -- 'la', 'setting', 'health'
    body_name TEXT NOT NULL,
    about TEXT NOT NULL,
    made_on TEXT NOT NULL,
    stage INTEGER NOT NULL DEFAULT 1,
    stage_started_on TEXT NOT NULL,
    response_due TEXT NOT NULL,
    responded_on TEXT,
    resolution TEXT,                   -- 'upheld', 'partly_upheld', 'not_upheld', 'resolved'
    escalated_on TEXT,                 -- taken to stage 2
    stage1_responded_on TEXT,          -- stage 1's answer, kept when it is escalated
    stage1_resolution TEXT,
    created_by TEXT REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX complaint_child ON complaint (child_id, made_on);
CREATE INDEX complaint_la ON complaint (la_code, responded_on, response_due);

CREATE TABLE complaint_stage_setting (
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    body_kind TEXT NOT NULL,
    stage INTEGER NOT NULL,
    working_days INTEGER NOT NULL,
    PRIMARY KEY (la_code, body_kind, stage)
);

-- Complaints to the Local Government and Social Care Ombudsman: within 12 months of
-- becoming aware, unless the Ombudsman accepts a late one; the finding and the remedy.
CREATE TABLE ombudsman_complaint (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    aware_on TEXT NOT NULL,
    made_on TEXT NOT NULL,
    late_accepted INTEGER NOT NULL DEFAULT 0,
    decided_on TEXT,
    finding TEXT,                      -- 'fault', 'fault_injustice', 'no_fault', 'not_investigated'
    remedy TEXT,
    created_by TEXT REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX ombudsman_complaint_child ON ombudsman_complaint (child_id, made_on);

-- Disability discrimination claims against a setting, recorded apart from appeals.
CREATE TABLE discrimination_claim (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    setting_name TEXT NOT NULL,
    about TEXT NOT NULL,
    made_on TEXT NOT NULL,
    decided_on TEXT,
    outcome TEXT,                      -- 'upheld', 'dismissed', 'withdrawn', 'settled'
    created_by TEXT REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX discrimination_claim_child ON discrimination_claim (child_id, made_on);

-- Each LA's choice: mediation before any appeal (the law makes it so only for most
-- appeals, and never for one about the setting named alone; default off)
CREATE TABLE la_redress_setting (
    la_code TEXT PRIMARY KEY REFERENCES local_authority (code),
    mediation_mandatory INTEGER NOT NULL DEFAULT 0,
    set_by TEXT REFERENCES user_account (id),
    set_at TEXT NOT NULL
);
