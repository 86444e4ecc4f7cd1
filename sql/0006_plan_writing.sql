-- 0006_plan_writing: writing a plan together. Templates are data: each plan records the
-- template it was written in, and a template is never changed in place (a new version is
-- a new row), so an older plan always finds the headings it was written under. The LA
-- asks contributors (health, social care, educational psychology, the setting) to write
-- named sections; the family comments on lines of a draft.

CREATE TABLE plan_template (
    id TEXT PRIMARY KEY,               -- 'national/1', '202/2': the value plans record
    la_code TEXT,                      -- NULL: the national template; else an LA variant
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    content TEXT NOT NULL,             -- the template as loaded (reference/templates/)
    loaded_at TEXT NOT NULL
);
CREATE INDEX plan_template_la ON plan_template (la_code, version);

CREATE TABLE plan_contributor (
    child_ref TEXT NOT NULL REFERENCES child (id),
    user_id TEXT NOT NULL REFERENCES user_account (id),
    sections TEXT NOT NULL,            -- 'C,G': the sections they were asked to write
    asked_by TEXT REFERENCES user_account (id),
    asked_at TEXT NOT NULL,
    PRIMARY KEY (child_ref, user_id)
);
CREATE INDEX plan_contributor_user ON plan_contributor (user_id);

CREATE TABLE plan_comment (
    id TEXT PRIMARY KEY,
    plan_version_id TEXT NOT NULL REFERENCES plan_version (id),
    line TEXT NOT NULL,                -- the line's id in the plan ('p3'), or a section ('A')
    author_id TEXT NOT NULL REFERENCES user_account (id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX plan_comment_version ON plan_comment (plan_version_id, created_at);

-- the setting's staff who may be asked to write a section (the SENCo of the child's school)
CREATE INDEX user_account_organisation ON user_account (organisation_id, role);
