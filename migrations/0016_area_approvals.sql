-- Areas drawn on pages go to legal as decisions do (issue 15): an area
-- whose reason code lists "withhold" in its approval list (codes.yaml;
-- review.Policy.AreaApproval) opens a pending exemption approval when it is
-- drawn. An approval is of exactly one thing: a decision or an area. Like a
-- decision's, an area's approval is withdrawn by undoing the area (the
-- queries read approvals of current areas only), never deleted.
ALTER TABLE approvals ALTER COLUMN decision_id DROP NOT NULL;
ALTER TABLE approvals ADD COLUMN area_id bigint UNIQUE REFERENCES page_areas (id) ON DELETE CASCADE;
ALTER TABLE approvals ADD CONSTRAINT approvals_decision_or_area CHECK (num_nonnulls(decision_id, area_id) = 1);
