package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// PeopleCommand lists people with their role and how it was resolved.
type PeopleCommand struct {
	ConfigPath string
	DBPath     string
}

func (c *PeopleCommand) Name() string { return "people" }
func (c *PeopleCommand) Synopsis() string {
	return "lists people with their role and how it was resolved"
}

func (c *PeopleCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-config FILE | -db PATH]")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required unless -db is given)")
	fs.StringVar(&c.DBPath, "db", "", dbFlagUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run 'unblock people -h')", fs.Arg(0))
	}
	path, err := existingDatabase(env, c.Name(), c.ConfigPath, c.DBPath)
	if err != nil {
		return err
	}
	db, err := store.OpenRead(ctx, path)
	if err != nil {
		return err // store.Open's errors name the database
	}
	defer db.Close()

	people, err := db.People(ctx)
	if err != nil {
		return err
	}
	var listed []unblock.Person
	for _, p := range people {
		if !p.IsBot {
			listed = append(listed, p)
		}
	}
	if len(listed) == 0 {
		fmt.Fprintf(env.Stderr, "no people in %s yet: 'unblock import' or 'unblock run' adds them\n", path)
		return nil
	}
	return writePeople(env.Stdout, listed)
}

// writePeople prints one aligned line per person: who they are, their role and how
// the role was resolved.
func writePeople(w io.Writer, people []unblock.Person) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tTITLE\tTEAM\tROLE\tRESOLVED BY")
	for _, p := range people {
		name := p.Label()
		if p.RealName != "" && p.RealName != name {
			name += " (" + p.RealName + ")"
		}
		if p.Deleted {
			name += " [deactivated]"
		}
		how := string(p.RoleSource)
		if p.RoleDetail != "" {
			how += ": " + p.RoleDetail
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n",
			cell(p.ID), cell(name), cell(p.Title), cell(p.Team), cell(p.Role.String()), cell(how))
	}
	return tw.Flush()
}

// cell makes s safe for one tabwriter cell: no tabs or line breaks, "-" when empty.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "-"
	}
	return s
}
