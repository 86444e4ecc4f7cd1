-- 0005_plan: EHC plans. Each version of a child's plan is one row holding the whole plan
-- as a canonical JSON document (schema sendap-plan/1, docs/plan.md): a draft may be
-- replaced; a final or amended version never changes, and its hash is in the audit trail.

CREATE TABLE plan_version (
    id TEXT PRIMARY KEY,
    child_ref TEXT NOT NULL,           -- the child's id (the plan's own "child.id")
    version INTEGER NOT NULL,          -- 1, 2, 3 for the child
    status TEXT NOT NULL,              -- 'draft', 'final', 'amended'
    template TEXT NOT NULL,            -- the template and version it was written in
    content TEXT NOT NULL,             -- the plan, canonical JSON (keys sorted, compact)
    hash TEXT,                         -- BLAKE2b of content, set when issued
    created_by TEXT,
    created_at TEXT NOT NULL,
    issued_on TEXT,
    UNIQUE (child_ref, version)
);
CREATE INDEX plan_version_child ON plan_version (child_ref, version);
