-- 0002_local_authority: upper-tier local authorities in England, keyed by the DfE's
-- 3-digit LA code (the code SEN2 and every DfE return use). The reference list itself is
-- loaded from reference/ by the people and organisations work (issue 4).
CREATE TABLE local_authority (
    code TEXT PRIMARY KEY,        -- 3 digits, e.g. '202' (Camden)
    name TEXT NOT NULL,
    region TEXT NOT NULL,         -- one of England's 9 regions
    effective_from TEXT,          -- ISO date it came into being, if after 1998
    effective_to TEXT             -- ISO date it was abolished or merged, if it was
);
