package unblock

import "time"

// InboxItem is one received Slack envelope waiting to be processed.
type InboxItem struct {
	ID         int64
	Key        string // the Slack event_id, or a key derived from the envelope
	Kind       string // e.g. "events_api", "slash_commands", "interactive"
	Payload    []byte
	ReceivedAt time.Time
}
