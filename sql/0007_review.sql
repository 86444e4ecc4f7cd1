-- 0007_review: after the plan. Reviews (annual, phase transfer, after a move in), each
-- with its statutory steps as dated columns so that a list of what is due or late is one
-- indexed query; the decision to cease a plan and its appeal window; section F provision
-- that did not happen; moves between LAs (SEN2 transferred-in).

CREATE TABLE review (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    setting_id TEXT REFERENCES organisation (id),  -- the setting that holds the meeting
    kind TEXT NOT NULL,                -- 'annual', 'phase_transfer', 'move'
    transfer_kind TEXT,                -- phase transfers: see src/review/rules.h
    transfer_on TEXT,                  -- the day of the transfer
    due_on TEXT NOT NULL,              -- last lawful day: the meeting (annual, move) or
                                       -- the amended plan (phase transfer)
    target_on TEXT,                    -- the LA's own aim (every 3 to 6 months under 5)
    rules_version TEXT NOT NULL,       -- reference/reviews/england.json version used
    invitations_on TEXT,
    meeting_on TEXT,
    record TEXT,                       -- the meeting record, JSON (docs/review.md)
    report_on TEXT,                    -- the setting's report reached the LA
    decision TEXT,                     -- 'maintain', 'amend', 'cease'
    decision_on TEXT,
    decision_reasons TEXT,
    notice_channel TEXT,               -- how the decision notice went: 'post', 'email', 'portal'
    notice_served_on TEXT,             -- when it counts as served
    amendments_on TEXT,                -- proposed amendments served on the family
    amended_on TEXT,                   -- the amended plan issued
    closed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX review_la_due ON review (la_code, closed_on, due_on);
CREATE INDEX review_setting_due ON review (setting_id, closed_on, due_on);
CREATE INDEX review_child ON review (child_id, due_on);
CREATE INDEX review_transfer ON review (la_code, transfer_on, transfer_kind);

-- A decision to cease a plan: the notice gives appeal rights; the plan is maintained until
-- the time to appeal has passed or an appeal is decided (ceases_on stays NULL till then).
CREATE TABLE plan_cease (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    review_id TEXT REFERENCES review (id),
    reason TEXT NOT NULL,              -- SEN2 CeaseReason 1..9
    reason_on TEXT NOT NULL,           -- the date of what the reason rests on
    decided_on TEXT NOT NULL,
    notice_on TEXT NOT NULL,
    appeal_by TEXT NOT NULL,
    appeal_lodged_on TEXT,
    appeal_decided_on TEXT,
    appeal_upheld INTEGER,             -- 1: the family won and the plan continues
    ceases_on TEXT,
    recorded_by TEXT REFERENCES user_account (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX plan_cease_child ON plan_cease (child_id, decided_on);
CREATE INDEX plan_cease_la ON plan_cease (la_code, ceases_on);

-- Section F provision that did not happen.
CREATE TABLE provision_missed (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    plan_version_id TEXT NOT NULL REFERENCES plan_version (id),
    line TEXT NOT NULL,                -- the provision line's id in that version ('p3')
    provider_id TEXT REFERENCES organisation (id),
    missed_from TEXT NOT NULL,
    missed_to TEXT NOT NULL,
    sessions INTEGER NOT NULL,
    reason TEXT NOT NULL,              -- 'staff_absent', 'post_vacant', 'setting_closed',
                                       -- 'child_absent', 'other'
    note TEXT,
    recorded_by TEXT NOT NULL REFERENCES user_account (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX provision_missed_child ON provision_missed (child_id, missed_from);
CREATE INDEX provision_missed_provider ON provision_missed (provider_id, missed_from);

-- A move between LAs: the plan follows the child (regulation 15).
CREATE TABLE child_move (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    from_la TEXT NOT NULL REFERENCES local_authority (code),
    to_la TEXT NOT NULL REFERENCES local_authority (code),
    transferred_on TEXT NOT NULL,
    notify_by TEXT NOT NULL,
    notified_on TEXT,
    recorded_by TEXT REFERENCES user_account (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX child_move_to ON child_move (to_la, transferred_on);
CREATE INDEX child_move_child ON child_move (child_id, transferred_on);

-- Each LA's own aim for children under 5 (SEND Code of Practice 9.178: every 3 to 6 months)
CREATE TABLE la_review_setting (
    la_code TEXT PRIMARY KEY REFERENCES local_authority (code),
    under5_review_months INTEGER NOT NULL,
    set_by TEXT REFERENCES user_account (id),
    set_at TEXT NOT NULL
);
