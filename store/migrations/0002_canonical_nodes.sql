-- 0002: canonical graph nodes (docs/DESIGN.md, "Canonical nodes").
-- Blockers stored before it keep a node made from the target as written ("role:eng", "team:the-data-team",
-- "artifact:the-api-specs"). Right after this file, in the same transaction, the store re-keys every blocker
-- on a target that is not a known person with unblock.Canonical, and dismisses those on an artifact named
-- "none" (store/renode.go): SQL alone cannot, the rule reads the role vocabulary.
SELECT 1;
