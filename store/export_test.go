package store

// LookUpEverySilence makes expiry by silence look up the last report of every
// blocker's person, as it did before a blocker heard within the silence period
// was known not to have expired: tests check that both ways give the same.
func LookUpEverySilence(db *DB, on bool) { db.everySilence.Store(on) }
