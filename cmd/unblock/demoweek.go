package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/slackemu"
)

// demoRun drives the emulator and the virtual clock through the week, waiting
// for the bot to settle after every step instead of sleeping.
type demoRun struct {
	ctx context.Context
	out io.Writer
	emu *slackemu.Server
	clk *clock.Fake
	app *App
}

// week is the script: a Company X week in five standups.
func (d *demoRun) week() error {
	steps := []func() error{
		// Monday, before the prompts: an admin sets up a standup in the App Home.
		func() error { return d.setupStandup(0, "08:05") },
		// Monday: prompts, answers by DM, by modal and in channels; distractors.
		func() error {
			return d.at(0, "09:30", "Standup prompts go out by DM, each in the member's own time zone")
		},
		func() error {
			return d.dm(0, "09:40", ana, "Yesterday: finished the cart API\nToday: checkout page\nBlockers: blocked on design for the checkout mocks")
		},
		func() error {
			return d.modal(0, "09:45", dana, "design", "Reviewed the onboarding research", "Checkout mocks", "Still no decision on guest checkout from product")
		},
		func() error {
			return d.say(0, "09:50", priya, productCh, "*Yesterday* roadmap review\n*Today* guest checkout scope\n*Blockers* need an estimate from <@"+ana+"> before I can commit scope for guest checkout")
		},
		func() error { return d.dm(0, "09:55", ben, "Y: fixed the cart badge\nT: payment form\nB: no blockers") },
		func() error {
			return d.dm(0, "10:00", quinn, "Blocked the spammer in #general and designed the regression plan. Nothing blocking me.")
		},
		func() error {
			return d.say(0, "10:05", omar, productCh, "Product demo went well :tada:\nBlockers: waiting on <@"+eve+"> for the onboarding flow mocks")
		},
		func() error {
			return d.dm(0, "10:10", eve, "Today: onboarding flow\nBlocker: waiting on <@"+omar+"> for the onboarding requirements")
		},

		// Tuesday: the same blockers again (their age grows), an edit, reminders.
		func() error { return d.at(1, "09:30", "Tuesday's prompts") },
		func() error { return d.dm(1, "09:35", ana, "still blocked on design — checkout mocks") },
		func() error { return d.dm(1, "09:40", quinn, "waiting on legal to approve the checkout copy") },
		func() error { return d.say(1, "09:45", ben, checkoutCh, "B: blocked on QA for the test env") },
		func() error {
			return d.edit(1, "09:50", ben, checkoutCh, "B: waiting on <@"+quinn+"> for the staging test env")
		},
		func() error {
			return d.dm(1, "09:55", dana, "Still waiting on product for the guest checkout decision")
		},
		func() error { return d.dm(1, "10:00", priya, "Still need the estimate from Ana for guest checkout") },
		func() error {
			return d.at(1, "11:30", "Eve and Omar have not answered: one polite reminder each, by DM")
		},
		func() error {
			return d.dm(1, "11:40", eve, "same as yesterday, still waiting on Omar for the requirements")
		},
		func() error { return d.dm(1, "11:45", omar, "still waiting on Eve for the onboarding mocks") },

		// Wednesday: a message posted and deleted, /blocked, App Home and a nudge.
		func() error { return d.at(2, "09:30", "Wednesday's prompts") },
		func() error { return d.say(2, "09:35", ben, checkoutCh, "blocked on the database migration") },
		func() error { return d.del(2, "09:36", ben, checkoutCh) },
		func() error { return d.dm(2, "09:40", ana, "Blockers: still no mocks from design for checkout") },
		func() error { return d.slash(2, "09:45", ana, checkoutCh, "loops") },
		func() error { return d.home(2, "09:50", ana) },
		func() error { return d.homeButton(2, "09:51", ana, "blocker_nudge", "design") },

		// Thursday: a resolution, and a Resolved button.
		func() error { return d.at(3, "09:30", "Thursday's prompts") },
		func() error { return d.skip(3, "09:32", omar, "he is at an offsite all day") },
		func() error { return d.dm(3, "09:35", quinn, "Unblocked now that legal approved the copy") },
		func() error { return d.home(3, "09:40", ben) },
		func() error { return d.homeButton(3, "09:41", ben, "blocker_resolve", quinn) },
		func() error {
			return d.dm(3, "09:45", dana, "Blockers: product still hasn't decided on guest checkout")
		},

		// Friday, then the weekend; the digest goes out on Monday.
		func() error { return d.at(4, "09:30", "Friday's prompts") },
		func() error { return d.dm(4, "09:40", ana, "Blocked on design: checkout mocks, day 5") },
		func() error {
			return d.dm(4, "09:45", priya, "Blockers: still waiting on the guest checkout estimate from <@"+ana+">")
		},
		func() error { return d.at(7, "09:00", "Monday 09:00: the weekly digest goes to #leads and to Lena") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// when returns the virtual time of day `hhmm` on the week's day (0 = Monday).
func when(day int, hhmm string) time.Time {
	h, _ := strconv.Atoi(hhmm[:2])
	m, _ := strconv.Atoi(hhmm[3:])
	return demoMonday.AddDate(0, 0, day).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// at moves the clock and lets the schedules act.
func (d *demoRun) at(day int, hhmm, what string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	d.logf(t, "%s", what)
	return d.settle()
}

// settle waits until the schedules wait on the clock again, every envelope is
// acknowledged and the bot has processed its inbox.
func (d *demoRun) settle() error {
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	if !d.clk.WaitForWaiters(2, ctx.Done()) {
		return fmt.Errorf("demo: the schedules did not settle: %w", ctx.Err())
	}
	if err := d.emu.WaitIdle(ctx); err != nil {
		return err
	}
	return d.app.Bot.WaitIdle(ctx)
}

func (d *demoRun) deliver(del *slackemu.Delivery, err error) error {
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	if _, err := del.WaitAck(ctx); err != nil {
		return err
	}
	return d.settle()
}

func (d *demoRun) name(id string) string {
	for _, u := range demoUsers {
		if u.ID == id {
			return strings.Fields(u.RealName)[0]
		}
	}
	return id
}

func (d *demoRun) dm(day int, hhmm, user, text string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	d.logf(t, "%s, in a DM to the bot: %q", d.name(user), oneLine(text))
	return d.deliver(d.emu.PostMessage(user, d.emu.IMChannel(user), text))
}

func (d *demoRun) say(day int, hhmm, user, channel, text string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	d.logf(t, "%s, in #%s: %q", d.name(user), channelName(channel), oneLine(text))
	return d.deliver(d.emu.PostMessage(user, channel, text))
}

// lastPost returns the ts of user's latest message in channel.
func (d *demoRun) lastPost(user, channel string) (string, error) {
	msgs := d.emu.Messages(channel)
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].User == user && !msgs[i].Deleted {
			return msgs[i].TS, nil
		}
	}
	return "", fmt.Errorf("demo: %s has no message in %s", user, channel)
}

func (d *demoRun) edit(day int, hhmm, user, channel, text string) error {
	ts, err := d.lastPost(user, channel)
	if err != nil {
		return err
	}
	t := when(day, hhmm)
	d.clk.Set(t)
	d.logf(t, "%s edits it: %q", d.name(user), oneLine(text))
	return d.deliver(d.emu.EditMessage(channel, ts, text))
}

func (d *demoRun) del(day int, hhmm, user, channel string) error {
	ts, err := d.lastPost(user, channel)
	if err != nil {
		return err
	}
	t := when(day, hhmm)
	d.clk.Set(t)
	d.logf(t, "%s deletes it", d.name(user))
	return d.deliver(d.emu.DeleteMessage(channel, ts))
}

// modal answers the standup through the prompt's Answer button and its modal.
func (d *demoRun) modal(day int, hhmm, user, team string, answers ...string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	im := d.emu.IMChannel(user)
	prompt, err := d.lastPost(slackemu.BotUserID, im)
	if err != nil {
		return err
	}
	d.logf(t, "%s presses Answer on the prompt and fills in the modal: %q", d.name(user), answers[len(answers)-1])
	if err := d.deliver(d.emu.ClickButton(user, im, prompt, "standup_answer", "")); err != nil {
		return err
	}
	modals := d.emu.Modals(user)
	if len(modals) == 0 {
		return fmt.Errorf("demo: no modal opened for %s", user)
	}
	values := map[string]map[string]string{}
	for i, a := range answers {
		values["q"+strconv.Itoa(i)] = map[string]string{"answer": a}
	}
	return d.deliver(d.emu.SubmitView(user, modals[len(modals)-1].ID, values))
}

// skip presses "Skip today" on user's latest prompt: no reminder follows, the
// day counts as skipped (never missed) and does not age their blockers toward
// expiry.
func (d *demoRun) skip(day int, hhmm, user, why string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	im := d.emu.IMChannel(user)
	prompt, err := d.lastPost(slackemu.BotUserID, im)
	if err != nil {
		return err
	}
	d.logf(t, "%s presses \"Skip today\" on the prompt (%s): no reminder, a skipped day, not a missed one", d.name(user), why)
	return d.deliver(d.emu.ClickButton(user, im, prompt, "standup_skip", ""))
}

func (d *demoRun) slash(day int, hhmm, user, channel, text string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	d.logf(t, "%s asks: /blocked %s", d.name(user), text)
	if err := d.deliver(d.emu.SlashCommand(user, channel, "/blocked", text)); err != nil {
		return err
	}
	if rs := d.emu.Responses(); len(rs) > 0 {
		d.logf(t, "  and privately sees: %s", oneLine(rs[len(rs)-1].Text))
	}
	return nil
}

func (d *demoRun) home(day int, hhmm, user string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	d.logf(t, "%s opens the unblock App Home", d.name(user))
	return d.deliver(d.emu.OpenHome(user))
}

// homeButton presses a button on user's App Home next to their blocker on target
// (a role name or a user ID).
func (d *demoRun) homeButton(day int, hhmm, user, action, target string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	open, err := d.app.DB.BlockersOf(d.ctx, user, t)
	if err != nil {
		return err
	}
	var id int64
	for _, bl := range open {
		if bl.To == target || string(bl.ToRole) == target {
			id = bl.ID
		}
	}
	if id == 0 {
		return fmt.Errorf("demo: %s has no open blocker on %s", user, target)
	}
	view, ok := d.emu.HomeView(user)
	if !ok {
		return fmt.Errorf("demo: %s has no App Home", user)
	}
	label := map[string]string{"blocker_nudge": "Nudge", "blocker_resolve": "Resolved"}[action]
	d.logf(t, "%s presses %s on a blocker", d.name(user), label)
	return d.deliver(d.emu.ClickViewButton(user, view.ID, action, strconv.FormatInt(id, 10)))
}

func (d *demoRun) logf(t time.Time, format string, args ...any) {
	fmt.Fprintf(d.out, "%s  %s\n", t.Format("Mon 15:04"), fmt.Sprintf(format, args...))
}

func channelName(id string) string {
	return map[string]string{checkoutCh: "checkout-standup", designCh: "design", productCh: "product", leadsCh: "leads"}[id]
}
