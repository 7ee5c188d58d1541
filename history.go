package unblock

// HistoryEntry is one of a person's reports with what was read from it: the
// blockers it opened, said again, resolved or let expire. Report.Text is empty
// when the text is not kept (privacy.store_text) or gone (privacy.text_days).
type HistoryEntry struct {
	Report  Report
	Effects []BlockerEffect // in blocker order
}

// BlockerEffect is what a report did to one blocker. Blocker is as it stands
// now (its target and topic; its status is the store's latest).
type BlockerEffect struct {
	Effect  Effect
	Blocker Blocker
}
