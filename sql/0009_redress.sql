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
    decided_on TEXT,
    outcome TEXT,                      -- 'upheld', 'partly_upheld', 'dismissed', 'withdrawn', 'conceded'
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
