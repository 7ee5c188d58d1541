package bot

import (
	"context"
	"time"

	"github.com/unblock-dev/unblock"
)

// topicsShown reports whether viewer may see what person waits for (their
// blockers' topics): always their own, another's only when topics may be shared
// (privacy.share_topics_in_digest, Config.ShareTopics). It is the one rule of
// every /blocked answer and the App Home: the open blockers they show are read
// through openBlockersFor, and /blocked why and /blocked history ask it.
func (b *Bot) topicsShown(viewer, person string) bool {
	return viewer == person || b.cfg.ShareTopics
}

// openBlockersFor returns the blockers open at now as viewer may see them: the
// topics of the blockers viewer may not see blanked before anything renders
// them, as the digest blanks them (digest.Options.HideTopics), so no line, count
// or loop built from them can show one.
func (b *Bot) openBlockersFor(ctx context.Context, viewer string, now time.Time) ([]unblock.Blocker, error) {
	open, err := b.store.OpenBlockers(ctx, now)
	if err != nil {
		return nil, err
	}
	for i := range open {
		if !b.topicsShown(viewer, open[i].PersonID) {
			open[i].Topic = ""
		}
	}
	return open, nil
}
