-- 0010: blockers name their person and their target by number as well as by their words (issue 16 item 2), so
-- the digest reads its hundred thousand blockers as a few integer columns a row and the strings of each person and
-- target once. user_numbers numbers the user IDs of blocked people; targets numbers each target as written (kind,
-- name, role, and the graph node it was read as). The words stay in blockers: every other read uses them.
-- blockers.person_num and target_num are written with the row wherever it is written (the lifecycle, the bulk
-- path, forget); 0 is a row no writer numbered, which the numbered read refuses to use.
CREATE TABLE user_numbers (
	num INTEGER PRIMARY KEY,
	id  TEXT NOT NULL UNIQUE
);
CREATE TABLE targets (
	num     INTEGER PRIMARY KEY,
	kind    TEXT NOT NULL,
	name    TEXT NOT NULL,
	role    TEXT NOT NULL,
	to_node TEXT NOT NULL,
	UNIQUE (kind, name, role, to_node)
);
ALTER TABLE blockers ADD COLUMN person_num INTEGER NOT NULL DEFAULT 0;
ALTER TABLE blockers ADD COLUMN target_num INTEGER NOT NULL DEFAULT 0;
INSERT INTO user_numbers (id) SELECT DISTINCT person_id FROM blockers ORDER BY person_id;
INSERT INTO targets (kind, name, role, to_node)
	SELECT DISTINCT target_kind, target_name, target_role, to_node FROM blockers
	ORDER BY target_kind, target_name, target_role, to_node;
UPDATE blockers SET
	person_num = (SELECT num FROM user_numbers u WHERE u.id = blockers.person_id),
	target_num = (SELECT num FROM targets t WHERE t.kind = blockers.target_kind AND t.name = blockers.target_name
		AND t.role = blockers.target_role AND t.to_node = blockers.to_node);
