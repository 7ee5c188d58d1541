package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/unblock-dev/unblock"
)

// A blocker names its person and its target by number as well as by their words
// (migration 0010): user_numbers numbers the user IDs of blocked people, targets
// each target as written with the node it was read as. The digest's read of a
// hundred thousand blockers then takes two integers a row for what were five
// strings, and the strings of each person and target once (spanNumbered). Every
// writer of a blocker's person or target writes its numbers with it: the
// lifecycle (open, reopen), the bulk path (the held row) and Forget.

// targetWords is a target as blockers store it: its words and its node.
type targetWords struct {
	kind, name, role, to string
}

func wordsOf(t unblock.Target, to string) targetWords {
	return targetWords{string(t.Kind), t.Name, string(t.Role), to}
}

// numbers is what a write transaction knows of the numbering tables.
type numbers struct {
	users   map[string]int64
	targets map[targetWords]int64
}

// userNum returns the number of user ID id, numbering it when it has none.
func (tx *Tx) userNum(ctx context.Context, id string) (int64, error) {
	c := tx.numbers()
	if n, ok := c.users[id]; ok {
		return n, nil
	}
	var n int64
	err := tx.q.QueryRowContext(ctx, `SELECT num FROM user_numbers WHERE id = ?`, id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.q.QueryRowContext(ctx, `INSERT INTO user_numbers (id) VALUES (?) RETURNING num`, id).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("number of %s: %w", id, err)
	}
	c.users[id] = n
	return n, nil
}

// targetNum returns the number of target t read as node to, numbering it when
// it has none.
func (tx *Tx) targetNum(ctx context.Context, t unblock.Target, to string) (int64, error) {
	c := tx.numbers()
	w := wordsOf(t, to)
	if n, ok := c.targets[w]; ok {
		return n, nil
	}
	n, err := numberTarget(ctx, tx.q, w)
	if err != nil {
		return 0, fmt.Errorf("number of target %s: %w", t.Key(), err)
	}
	c.targets[w] = n
	return n, nil
}

// numberTarget returns the number of target w in the targets table, numbering
// it when it has none.
func numberTarget(ctx context.Context, q querier, w targetWords) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT num FROM targets WHERE kind = ? AND name = ? AND role = ? AND to_node = ?`,
		w.kind, w.name, w.role, w.to).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		err = q.QueryRowContext(ctx, `INSERT INTO targets (kind, name, role, to_node) VALUES (?, ?, ?, ?) RETURNING num`,
			w.kind, w.name, w.role, w.to).Scan(&n)
	}
	return n, err
}

// numbers returns the transaction's numbers known so far (none outside a write
// transaction: then each is looked up).
func (tx *Tx) numbers() *numbers {
	if tx.cache == nil {
		return &numbers{users: map[string]int64{}, targets: map[targetWords]int64{}}
	}
	if tx.cache.nums == nil {
		tx.cache.nums = &numbers{users: map[string]int64{}, targets: map[targetWords]int64{}}
	}
	return tx.cache.nums
}

// isNumbering reports whether query only reads or writes the numbering tables:
// under Bulk it needs nothing held written first (it names no report or blocker,
// nor changes their IDs).
func isNumbering(query string) bool {
	for _, p := range []string{`INSERT INTO user_numbers (id) VALUES`, `INSERT INTO targets (kind, name, role, to_node) VALUES`} {
		if len(query) >= len(p) && query[:len(p)] == p {
			return true
		}
	}
	return false
}
