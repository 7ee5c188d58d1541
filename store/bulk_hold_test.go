package store

// SetBulkHold sets how many reports Bulk holds before it writes them, for a
// test of writing mid-transaction; it returns a func that restores it.
func SetBulkHold(n int) (restore func()) {
	was := bulkHold
	bulkHold = n
	return func() { bulkHold = was }
}
