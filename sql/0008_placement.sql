-- 0008_placement: where a child with a plan goes to school or college. Coordinates for
-- postcodes (the demo's own, or an ONS postcode directory imported with `sendap postcodes
-- import`); what the directory shows of each setting; consultations with settings and their
-- answers; the family's preference and any request for mainstream; the setting named; the
-- local inclusion plan's status, which gates tailored lists; tailored lists as made.

-- Coordinates are kept as whole millionths of a degree (about 11 cm): integers read the
-- same from SQLite and PostgreSQL, and compare exactly.
CREATE TABLE postcode (
    postcode TEXT PRIMARY KEY,         -- normalised: "SW1A 1AA"
    lat_e6 INTEGER NOT NULL,
    lon_e6 INTEGER NOT NULL
);

ALTER TABLE organisation ADD COLUMN lat_e6 INTEGER;
ALTER TABLE organisation ADD COLUMN lon_e6 INTEGER;
ALTER TABLE organisation ADD COLUMN ofsted TEXT;          -- 'outstanding', 'good', ...
ALTER TABLE organisation ADD COLUMN sen_report_url TEXT;  -- its SEN information report
ALTER TABLE organisation ADD COLUMN sen_places INTEGER;   -- places in its SEN unit or RP
CREATE INDEX organisation_place ON organisation (kind, lat_e6, lon_e6);
-- a setting's children on roll now, counted from the index alone (directory, lists)
CREATE INDEX child_setting_current ON child_setting (organisation_id, relation, ended_on);

-- the need types (SEN2 codes) a unit, resourced provision or special school is designated for
CREATE TABLE organisation_need (
    organisation_id TEXT NOT NULL REFERENCES organisation (id),
    need_code TEXT NOT NULL REFERENCES need_type (code),
    PRIMARY KEY (organisation_id, need_code)
);

CREATE TABLE placement_consultation (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    setting_id TEXT NOT NULL REFERENCES organisation (id),
    plan_version_id TEXT REFERENCES plan_version (id),   -- the draft plan sent
    sent_on TEXT NOT NULL,
    due_on TEXT NOT NULL,              -- 15 days (CoP 9.83)
    answered_on TEXT,
    answer TEXT,                       -- 'can_meet', 'cannot_meet'
    ground TEXT,                       -- a refusal's statutory ground (s39(4), s33(2))
    reasons TEXT,
    answered_by TEXT REFERENCES user_account (id),
    created_by TEXT REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX placement_consultation_la ON placement_consultation (la_code, answered_on, due_on);
CREATE INDEX placement_consultation_setting ON placement_consultation (setting_id, answered_on);
CREATE INDEX placement_consultation_child ON placement_consultation (child_id, sent_on);

-- the family's request for a particular setting, or for mainstream, and the LA's answer
CREATE TABLE placement_preference (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    setting_id TEXT REFERENCES organisation (id),       -- NULL: mainstream, no school named
    mainstream_requested INTEGER NOT NULL DEFAULT 0,
    reasons TEXT,
    made_by TEXT NOT NULL REFERENCES user_account (id),
    made_on TEXT NOT NULL,
    la_answer TEXT,                    -- 'agreed', 'refused'
    la_reasons TEXT,
    answered_on TEXT,
    answered_by TEXT REFERENCES user_account (id)
);
CREATE INDEX placement_preference_child ON placement_preference (child_id, made_on);

-- the setting the LA names (section I), with its reasons
CREATE TABLE placement_named (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    setting_id TEXT REFERENCES organisation (id),
    setting_type TEXT,                 -- a type only, when no setting is named
    reasons TEXT NOT NULL,
    named_on TEXT NOT NULL,
    named_by TEXT REFERENCES user_account (id)
);
CREATE INDEX placement_named_child ON placement_named (child_id, named_on);

-- a minimal record of each LA's local inclusion plan: its status gates tailored lists
CREATE TABLE local_inclusion_plan (
    la_code TEXT PRIMARY KEY REFERENCES local_authority (code),
    status TEXT NOT NULL,              -- 'draft', 'submitted', 'signed_off'
    signed_off_by TEXT,                -- who for the DfE Regions Group
    signed_off_on TEXT,
    updated_by TEXT REFERENCES user_account (id),
    updated_at TEXT NOT NULL
);

CREATE TABLE la_placement_setting (
    la_code TEXT PRIMARY KEY REFERENCES local_authority (code),
    tailored_lists INTEGER NOT NULL DEFAULT 0,
    max_miles INTEGER NOT NULL DEFAULT 20,
    set_by TEXT REFERENCES user_account (id),
    set_at TEXT NOT NULL
);

CREATE TABLE tailored_list (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES child (id),
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    made_on TEXT NOT NULL,
    inputs TEXT NOT NULL,              -- JSON: what the list was made from
    entries TEXT NOT NULL,             -- JSON: the settings in order, with their reasons
    chosen_setting_id TEXT REFERENCES organisation (id),
    chosen_on TEXT,
    mainstream_requested INTEGER NOT NULL DEFAULT 0,
    made_by TEXT REFERENCES user_account (id)
);
CREATE INDEX tailored_list_child ON tailored_list (child_id, made_on);
