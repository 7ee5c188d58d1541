-- 0011: when a report's text was last edited (Unix nanoseconds; 0: never, or not known), so that an older
-- version of a message never replaces a newer one: an export imported after a newer one that overlaps it, an
-- edit event older than the text already kept. A message deleted before unblock stored it is kept as a
-- tombstone (deleted = 1, person_id ''), so that an older copy of it, from an export or a redelivery, stays gone.
ALTER TABLE reports ADD COLUMN edited_at BIGINT NOT NULL DEFAULT 0;
