-- 0009: evidence a blocker's own row states is no longer logged in blocker_reports (store/lifecycle.go,
-- impliedEffects): the opening (report_id at opened_at, the report's time) and a closing by a report at its own
-- time of a blocker open until then (resolved_by at resolved_at, 'expired' when the resolution is). Readers take
-- both, and the logged row wins where both exist, so only rows the blocker states exactly are dropped here.
DELETE FROM blocker_reports WHERE effect = 'opened' AND EXISTS (
	SELECT 1 FROM blockers b JOIN reports r ON r.id = b.report_id
	WHERE b.id = blocker_reports.blocker_id AND b.report_id = blocker_reports.report_id AND b.opened_at = r.at);
DELETE FROM blocker_reports WHERE effect IN ('resolved', 'expired') AND prev_resolved_at IS NULL
	AND prev_resolution = '' AND prev_resolved_by IS NULL AND EXISTS (
	SELECT 1 FROM blockers b JOIN reports r ON r.id = b.resolved_by
	WHERE b.id = blocker_reports.blocker_id AND b.resolved_by = blocker_reports.report_id AND b.resolved_at = r.at
		AND (b.resolution = 'expired') = (blocker_reports.effect = 'expired'));
