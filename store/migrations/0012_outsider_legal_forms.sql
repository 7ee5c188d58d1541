-- 0012: an outsider's node leaves out the company's legal form (docs/DESIGN.md, "Canonical nodes"): "Acme Corp"
-- and "Acme" are both external:acme. Blockers stored before it keep external:acme-corp. Right after this file, in
-- the same transaction, the store re-keys every blocker on a target that is not a known person with
-- unblock.Canonical and numbers its new target (store/renode.go): SQL alone cannot, the rule reads waitwords.txt.
SELECT 1;
