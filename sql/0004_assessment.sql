-- 0004_assessment: EHC needs assessment cases, their append-only timeline of events, the
-- notices each decision produces, and the current state kept beside the timeline.

CREATE TABLE assessment_case (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    officer_id TEXT REFERENCES user_account (id),  -- the allocated officer
    requested_by TEXT NOT NULL,        -- 'parent', 'young_person', 'setting'
    requested_on TEXT NOT NULL,        -- ISO date: the clock starts here
    rule_family TEXT NOT NULL DEFAULT 'england',
    state TEXT NOT NULL,               -- see src/assessment/state.c
    next_step TEXT,                    -- the next statutory step and its legal latest date,
    next_due TEXT,                     -- kept current with every event, for caseloads
    closed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX assessment_case_child ON assessment_case (child_id);
CREATE INDEX assessment_case_officer ON assessment_case (officer_id, closed_on, next_due);
CREATE INDEX assessment_case_la ON assessment_case (la_code, closed_on, next_due);

-- An LA put on a variant rule set (reference/rules/<family>.json); the rest use England's.
CREATE TABLE la_rule_family (
    la_code TEXT PRIMARY KEY REFERENCES local_authority (code),
    family TEXT NOT NULL,
    since TEXT NOT NULL                -- ISO date: cases requested from then on use it
);

CREATE TABLE case_event (
    case_id TEXT NOT NULL REFERENCES assessment_case (id),
    seq INTEGER NOT NULL,              -- 1, 2, 3 within the case
    type TEXT NOT NULL,                -- an event type of the clock (docs/clock.md)
    happened_on TEXT NOT NULL,         -- ISO date
    item TEXT,                         -- which advice or setting, for per-item steps
    reasons TEXT,                      -- a decision's reasons
    recorded_by TEXT REFERENCES user_account (id),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_event_type ON case_event (type, happened_on);

-- Every statutory decision produces a notice: to whom, how, and when it counts as served.
CREATE TABLE notice (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES assessment_case (id),
    event_seq INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    channel TEXT NOT NULL,             -- 'post', 'email', 'portal'
    sent_on TEXT NOT NULL,
    served_on TEXT NOT NULL,           -- deemed service for the channel
    read_at TEXT,                      -- evidence of reading (portal, email receipt)
    created_at TEXT NOT NULL
);
CREATE INDEX notice_case ON notice (case_id, event_seq);
CREATE INDEX notice_unread ON notice (channel, read_at, sent_on);

CREATE TABLE case_exception (
    case_id TEXT NOT NULL REFERENCES assessment_case (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    reason TEXT NOT NULL,              -- a reason code of the rules (reg 10(4) and others)
    recorded_by TEXT REFERENCES user_account (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX case_exception_case ON case_exception (case_id);

-- Advice given for the assessment, linked to the plan sections it informs.
CREATE TABLE advice (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES assessment_case (id),
    item TEXT NOT NULL,                -- whose advice: the item of the advice request
    author_id TEXT REFERENCES user_account (id),
    sections TEXT NOT NULL,            -- 'B,C,F': the EHC plan sections it informs
    body TEXT NOT NULL,
    given_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX advice_case ON advice (case_id, given_on);

-- Multi-agency panels: at the application point (whether to assess) and at the planning
-- point (whether to issue a plan). A panel recommends; the LA decides, with reasons.
CREATE TABLE panel (
    id TEXT PRIMARY KEY,
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    kind TEXT NOT NULL,                -- 'application', 'planning'
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX panel_la ON panel (la_code);

CREATE TABLE panel_member (
    panel_id TEXT NOT NULL REFERENCES panel (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,                -- 'educational psychologist', 'designated clinical officer', ...
    organisation TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX panel_member_panel ON panel_member (panel_id);

CREATE TABLE panel_meeting (
    id TEXT PRIMARY KEY,
    panel_id TEXT NOT NULL REFERENCES panel (id),
    meets_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX panel_meeting_panel ON panel_meeting (panel_id, meets_on);

-- One case considered at one meeting.
CREATE TABLE panel_item (
    meeting_id TEXT NOT NULL REFERENCES panel_meeting (id),
    case_id TEXT NOT NULL REFERENCES assessment_case (id),
    recommendation TEXT NOT NULL,      -- 'assess', 'do_not_assess', 'issue', 'do_not_issue', 'defer'
    rationale TEXT NOT NULL,
    services_offered TEXT,             -- support offered without an assessment
    services_happened INTEGER,         -- 1 yes, 0 no, NULL not known yet
    recorded_by TEXT REFERENCES user_account (id),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, case_id)
);
