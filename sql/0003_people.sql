-- 0003_people: reference code lists, organisations, children and young people, their
-- families, user accounts and sessions, and the audit trail.
-- Portable between SQLite and PostgreSQL: TEXT, BIGINT, INTEGER (0/1 for yes/no); dates
-- and times as ISO 8601 TEXT; ids are opaque random strings, never sequential.

-- ---- reference code lists, loaded from reference/*.csv by `sendap migrate` ----

CREATE TABLE need_type (           -- SEN2 primary and secondary need codes
    code TEXT PRIMARY KEY,         -- 'ASD', 'SLCN', ... 'DS'
    name TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE ethnicity (           -- DfE school census ethnicity codes
    code TEXT PRIMARY KEY,         -- 'WBRI', 'APKN', ...
    name TEXT NOT NULL,
    major_group TEXT NOT NULL
);

CREATE TABLE setting_type (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    phase_hint TEXT
);

CREATE TABLE phase (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    age_from INTEGER,
    age_to INTEGER
);

CREATE TABLE bank_holiday (        -- England and Wales
    day TEXT PRIMARY KEY,          -- ISO date
    name TEXT NOT NULL
);

-- ---- organisations other than LAs ----

-- Settings (schools, colleges, early years, special and AP settings), ICBs, social care
-- teams and AP providers. An organisation belongs to one LA where that makes sense.
CREATE TABLE organisation (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,            -- 'setting', 'icb', 'social_care', 'ap_provider'
    name TEXT NOT NULL,
    la_code TEXT REFERENCES local_authority (code),
    urn TEXT,                      -- settings: 6-digit unique reference number
    ukprn TEXT,                    -- settings and providers: 8-digit UK provider number
    setting_type TEXT REFERENCES setting_type (code),
    phase TEXT REFERENCES phase (code),
    age_from INTEGER,
    age_to INTEGER,
    postcode TEXT,
    capacity INTEGER,
    sen_unit INTEGER NOT NULL DEFAULT 0,
    resourced_provision INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX organisation_la ON organisation (la_code, kind);
CREATE UNIQUE INDEX organisation_urn ON organisation (urn);

-- ---- children and young people: one record from birth to 25 ----

CREATE TABLE child (
    id TEXT PRIMARY KEY,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    -- lower-case copies for search, kept by the code that writes the names
    search_given TEXT NOT NULL,
    search_family TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,   -- ISO date
    sex TEXT NOT NULL,             -- 'F', 'M' (as SEN2 and the school census record it)
    ethnicity TEXT REFERENCES ethnicity (code),
    postcode TEXT,
    la_code TEXT NOT NULL REFERENCES local_authority (code), -- LA of residence
    upn TEXT,                      -- unique pupil number, check letter validated
    uln TEXT,                      -- unique learner number (10 digits)
    disadvantaged INTEGER NOT NULL DEFAULT 0,
    first_language TEXT,
    communication TEXT,            -- how they like to communicate (R3)
    -- strengths first (R2)
    admired_for TEXT,              -- what people like and admire about me
    interests TEXT,
    aspirations TEXT,
    primary_need TEXT REFERENCES need_type (code),
    sen_status TEXT NOT NULL DEFAULT 'none', -- 'none', 'sen_support', 'ehcp'
    caseworker_id TEXT,            -- the LA caseworker the case is allocated to
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX child_la_name ON child (la_code, search_family, search_given);
CREATE INDEX child_caseload ON child (caseworker_id, search_family, search_given);
CREATE INDEX child_la_cases ON child (la_code, sen_status, search_family, search_given);
CREATE INDEX child_family_name ON child (search_family, search_given);
CREATE INDEX child_given_name ON child (search_given);
CREATE INDEX child_la_given ON child (la_code, search_given);
CREATE INDEX child_dob ON child (date_of_birth);
CREATE UNIQUE INDEX child_upn ON child (upn);

-- A child's place at a setting: on its roll, or under consultation for a place.
CREATE TABLE child_setting (
    child_id TEXT NOT NULL REFERENCES child (id),
    organisation_id TEXT NOT NULL REFERENCES organisation (id),
    relation TEXT NOT NULL,        -- 'roll', 'consultation'
    started_on TEXT NOT NULL,
    ended_on TEXT,
    PRIMARY KEY (child_id, organisation_id, relation)
);
CREATE INDEX child_setting_org ON child_setting (organisation_id, relation);

-- ---- people who sign in ----

CREATE TABLE user_account (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,           -- lower case; the sign-in name
    name TEXT NOT NULL,
    role TEXT NOT NULL,            -- see src/people/people.h
    la_code TEXT REFERENCES local_authority (code),  -- staff of an LA
    organisation_id TEXT REFERENCES organisation (id), -- staff of a setting or provider
    child_id TEXT REFERENCES child (id),              -- a young person's own record
    password_hash TEXT NOT NULL,   -- argon2id, libsodium's crypto_pwhash_str
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX user_account_email ON user_account (email);

-- Parents and carers: known to the record whether or not they can sign in.
CREATE TABLE family_member (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    user_id TEXT REFERENCES user_account (id), -- set when they have an account
    created_at TEXT NOT NULL
);
CREATE INDEX family_member_user ON family_member (user_id);

-- Who is family to which child, and whether they hold parental responsibility.
CREATE TABLE family_link (
    family_member_id TEXT NOT NULL REFERENCES family_member (id),
    child_id TEXT NOT NULL REFERENCES child (id),
    relationship TEXT NOT NULL,    -- 'mother', 'father', 'carer', ...
    parental_responsibility INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (family_member_id, child_id)
);
CREATE INDEX family_link_child ON family_link (child_id);

-- Professionals asked to advise on a child (health, social care, educational psychology).
CREATE TABLE advice_request (
    user_id TEXT NOT NULL REFERENCES user_account (id),
    child_id TEXT NOT NULL REFERENCES child (id),
    requested_at TEXT NOT NULL,
    closed_at TEXT,
    PRIMARY KEY (user_id, child_id)
);
CREATE INDEX advice_request_child ON advice_request (child_id);

-- Sessions: the cookie holds a random token; only its hash is stored.
CREATE TABLE user_session (
    token_hash TEXT PRIMARY KEY,   -- hex BLAKE2b of the token
    user_id TEXT NOT NULL REFERENCES user_account (id),
    csrf TEXT NOT NULL,            -- the token every form of this session carries
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,      -- absolute limit
    last_seen_at TEXT NOT NULL     -- idle limit counts from here
);
CREATE INDEX user_session_user ON user_session (user_id);

-- Failed sign-ins, for throttling per account and per address. Old rows are pruned.
CREATE TABLE sign_in_failure (
    subject TEXT NOT NULL,         -- 'account:<hash>' or 'address:<hash>'
    at TEXT NOT NULL
);
CREATE INDEX sign_in_failure_subject ON sign_in_failure (subject, at);

-- ---- the audit trail: append only, hash-chained ----

-- Each row's hash covers its fields and the previous row's hash, so an edited or
-- deleted row breaks the chain from that point; audit_head holds the last seq and hash,
-- so removing rows from the end is found too. `sendap audit verify` walks the chain.
CREATE TABLE audit_event (
    seq BIGINT PRIMARY KEY,        -- 1, 2, 3, ... with no gaps
    at TEXT NOT NULL,
    actor_id TEXT,                 -- NULL for the system itself
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,          -- 'read', 'create', 'update', 'search', ...
    record_type TEXT NOT NULL,     -- 'child', 'user', ...
    record_id TEXT,
    request_id TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_event_record ON audit_event (record_type, record_id, seq);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,        -- always 1
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
