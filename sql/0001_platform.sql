-- 0001_platform: the tables the platform itself needs.
-- Portable between SQLite and PostgreSQL: TEXT, BIGINT, INTEGER; times as ISO 8601 TEXT.

-- Reports of accessibility problems sent from the accessibility statement page. They hold
-- no personal data: the form asks only which page and what went wrong.
CREATE TABLE accessibility_report (
    id TEXT PRIMARY KEY,          -- opaque random id, never sequential
    page TEXT,                    -- the path of the page with the problem, if given
    description TEXT NOT NULL,
    created_at TEXT NOT NULL      -- UTC, ISO 8601
);
CREATE INDEX accessibility_report_created ON accessibility_report (created_at);
