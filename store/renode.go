package store

import (
	"context"
	"fmt"

	"github.com/unblock-dev/unblock"
)

// migrationSteps are Go steps run right after the migration file of the same
// name, in its transaction, for what SQL cannot do.
// Both backends run them (the key is the SQLite file; PostgreSQL's twin has the same name).
var migrationSteps = map[string]func(ctx context.Context, tx querier) error{
	"migrations/0002_canonical_nodes.sql":      renodeBlockers,
	"migrations/0012_outsider_legal_forms.sql": renodeNumbered,
}

// renodeBlockers gives every stored blocker on a target that is not a resolved
// person its canonical target and node, as the lifecycle now writes them, and
// dismisses the ones on an artifact that names nothing ("none").
func renodeBlockers(ctx context.Context, tx querier) error { return renode(ctx, tx, false) }

// renodeNumbered is renodeBlockers after migration 0010, which numbers each
// target as written (the targets table): a re-keyed blocker's target_num names
// its new words and node. A change of the canonical rule (unblock.Canonical)
// after 0010 comes with a migration file whose step this is, so that the
// blockers stored before it are the same nodes as those written after: the
// lifecycle compares a new wait with an open blocker's stored node.
func renodeNumbered(ctx context.Context, tx querier) error { return renode(ctx, tx, true) }

// renode is renodeBlockers, also writing each re-keyed blocker's target_num
// when numbered.
func renode(ctx context.Context, tx querier, numbered bool) error {
	known := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT name FROM roles`)
	if err != nil {
		return fmt.Errorf("roles: %w", err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("roles: %w", err)
		}
		known[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("roles: %w", err)
	}

	type row struct {
		id     int64
		target unblock.Target
		to     string
	}
	var list []row
	rows, err = tx.QueryContext(ctx, `SELECT id, target_kind, target_name, target_role, to_node FROM blockers
		WHERE target_kind != 'person'`)
	if err != nil {
		return fmt.Errorf("blockers: %w", err)
	}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.target.Kind, &r.target.Name, &r.target.Role, &r.to); err != nil {
			rows.Close()
			return fmt.Errorf("blockers: %w", err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("blockers: %w", err)
	}
	nums := map[targetWords]int64{}
	for _, r := range list {
		if r.target.Kind == unblock.TargetArtifact && unblock.IsNoneName(r.target.Name) {
			// A wait on "none" was never one: dismissed as it opened.
			if _, err := tx.ExecContext(ctx, `UPDATE blockers SET resolved_at = opened_at, resolution = ?,
				resolved_by = NULL WHERE id = ?`, string(unblock.ResolvedByDismiss), r.id); err != nil {
				return fmt.Errorf("dismiss blocker %d: %w", r.id, err)
			}
			continue
		}
		t := r.target
		if t.Kind == unblock.TargetRole && t.Role == unblock.RoleUnknown && known[unblock.Slug(t.Name)] {
			t.Role = unblock.Role(unblock.Slug(t.Name))
		}
		t = unblock.Canonical(t)
		to := t.Node()
		if t == r.target && to == r.to {
			continue
		}
		if !numbered {
			if _, err := tx.ExecContext(ctx, `UPDATE blockers SET target_kind = ?, target_name = ?, target_role = ?,
				to_node = ? WHERE id = ?`, string(t.Kind), t.Name, string(t.Role), to, r.id); err != nil {
				return fmt.Errorf("re-key blocker %d: %w", r.id, err)
			}
			continue
		}
		w := wordsOf(t, to)
		num, ok := nums[w]
		if !ok {
			var err error
			if num, err = numberTarget(ctx, tx, w); err != nil {
				return fmt.Errorf("number of target %s: %w", t.Key(), err)
			}
			nums[w] = num
		}
		if _, err := tx.ExecContext(ctx, `UPDATE blockers SET target_kind = ?, target_name = ?, target_role = ?,
			to_node = ?, target_num = ? WHERE id = ?`, string(t.Kind), t.Name, string(t.Role), to, num, r.id); err != nil {
			return fmt.Errorf("re-key blocker %d: %w", r.id, err)
		}
	}
	return nil
}
