package main

import (
	"fmt"
	"strings"
)

// setupStandup is the demo's first run of the admin App Home: Lena, a workspace
// admin, opens the Home, presses "New standup" and fills in the modal with
// Slack's pickers; the product team's prompts then go out at 09:30 with no YAML
// and no restart.
func (d *demoRun) setupStandup(day int, hhmm string) error {
	t := when(day, hhmm)
	d.clk.Set(t)
	d.logf(t, "Lena, a workspace admin, opens the App Home: checkout and design are managed as code; she presses \"New standup\"")
	if err := d.deliver(d.emu.OpenHome(lena)); err != nil {
		return err
	}
	home, ok := d.emu.HomeView(lena)
	if !ok || !strings.Contains(string(home.JSON), "admin_team_new") {
		return fmt.Errorf("demo: Lena's App Home has no Standups section")
	}
	if err := d.deliver(d.emu.ClickViewButton(lena, home.ID, "admin_team_new", "")); err != nil {
		return err
	}
	modals := d.emu.Modals(lena)
	if len(modals) == 0 {
		return fmt.Errorf("demo: no modal opened for Lena")
	}
	d.logf(t, "  and sets up the product standup: #product, Priya and Omar, default role product, 09:30 on weekdays in Berlin, answers from the evening before")
	values := map[string]map[string][]string{
		"name":     {"name": {"product"}},
		"channel":  {"channel": {productCh}},
		"members":  {"members": {priya, omar}},
		"role":     {"role": {"product"}},
		"time":     {"time": {"09:30"}},
		"timezone": {"timezone": {"Europe/Berlin"}},
		"evening":  {"evening": {"yes"}},
	}
	if err := d.deliver(d.emu.SubmitViewValues(lena, modals[len(modals)-1].ID, values)); err != nil {
		return err
	}
	if st, err := d.app.DB.StandupTeam(d.ctx, "product"); err != nil {
		return fmt.Errorf("demo: the product standup was not saved: %w", err)
	} else if st.DefaultRole != "product" {
		return fmt.Errorf("demo: the product standup was saved with default role %q", st.DefaultRole)
	}
	d.logf(t, "  saved: the scheduler has it at once, no restart")
	return nil
}
