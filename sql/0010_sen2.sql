-- 0010_sen2: what the SEN2 return needs that the case records did not yet hold, and the
-- indexes its queries use (docs/sen2.md says which record gives each item).

-- the initial request was made while the young person was in relevant youth
-- accommodation (SEN2 item RYA)
ALTER TABLE assessment_case ADD COLUMN rya INTEGER NOT NULL DEFAULT 0;

-- why neither a UPN nor a ULN is held (SEN2 item UPNunknown); the secondary need
ALTER TABLE child ADD COLUMN upn_unknown TEXT;
ALTER TABLE child ADD COLUMN secondary_need TEXT;

-- how a child attends a setting: in its SEN unit or resourced provision, residential,
-- work-based learning (SEN2 PlacementDetail)
ALTER TABLE child_setting ADD COLUMN sen_unit INTEGER NOT NULL DEFAULT 0;
ALTER TABLE child_setting ADD COLUMN resourced_provision INTEGER NOT NULL DEFAULT 0;
-- residential: 'A' 38 to 51 weeks, 'B' 52 weeks; work-based: 'A' apprenticeship,
-- 'S' supported internship, 'T' traineeship (reference/sen2/YYYY.json)
ALTER TABLE child_setting ADD COLUMN residential TEXT;
ALTER TABLE child_setting ADD COLUMN work_based TEXT;

CREATE INDEX assessment_case_la_requested ON assessment_case (la_code, requested_on);
CREATE INDEX review_la_meeting ON review (la_code, meeting_on);
CREATE INDEX child_move_from ON child_move (from_la, transferred_on);
CREATE INDEX tribunal_appeal_la_registered ON tribunal_appeal (la_code, registered_on);
CREATE INDEX plan_cease_la_ceases ON plan_cease (la_code, ceases_on, child_id);
-- the events that decide each case, read from the index alone (bench/README.md: the
-- national return's events query from 7.1 s to 4.0 s of CPU)
CREATE INDEX case_event_case_type ON case_event (case_id, type, happened_on, seq);
