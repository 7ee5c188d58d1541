package store

// LookUpEverySilence makes expiry by silence look up the last report of every
// blocker's person, as it did before a blocker heard within the silence period
// was known not to have expired: tests check that both ways give the same.
func LookUpEverySilence(db *DB, on bool) { db.everySilence.Store(on) }

// LogImpliedEffects makes the lifecycle log in blocker_reports the effects a
// blocker's own row states too (impliedEffects), as it did before migration
// 0009: tests check that the readers and later replays read the same either way.
func LogImpliedEffects(db *DB, on bool) { db.logImplied.Store(on) }
