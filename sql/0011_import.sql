-- 0011_import: `sendap import` (docs/import.md): CSV files from an LA's previous
-- case-management system. Each row carries that system's own key; import_key maps it to
-- our record, so importing the same file again finds the same records (same ids, no
-- duplicates) and row_hash tells an unchanged row from a changed one.

CREATE TABLE import_key (
    la_code TEXT NOT NULL REFERENCES local_authority (code),
    kind TEXT NOT NULL,                -- 'children', 'contacts', 'settings', 'requests',
                                       -- 'plans', 'placements', 'reviews'
    source_id TEXT NOT NULL,           -- the previous system's key, as in the file
    our_id TEXT NOT NULL,              -- child.id, family_member.id, organisation.id, ...;
                                       -- placements: '<child id>/<organisation id>'
    extra_id TEXT,                     -- placements: the placement_named row, if named
    row_hash TEXT NOT NULL,            -- BLAKE2b of the row as imported (after checking)
    imported_at TEXT NOT NULL,
    PRIMARY KEY (la_code, kind, source_id)
);
CREATE INDEX import_key_ours ON import_key (kind, our_id);

-- The keys one run has read so far, so a key given twice in one file is found without
-- holding the file in memory. Rows live only inside the run's transaction.
CREATE TABLE import_seen (
    run_id TEXT NOT NULL,
    source_id TEXT NOT NULL,
    row_no BIGINT NOT NULL,            -- the first row with the key (the header is row 1)
    PRIMARY KEY (run_id, source_id)
);
