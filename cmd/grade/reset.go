package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/learn"
)

// defineReset is grade reset: put an exercise's code back as shipped,
// from the copy embedded in grade, after a confirmation.
func defineReset(fs *flag.FlagSet) func(a *app, args []string) error {
	yes := fs.Bool("yes", false, "reset without asking")
	return func(a *app, args []string) error {
		cat, err := loadCatalog()
		if err != nil {
			return err
		}
		ex, err := findExercise(cat, "reset", args)
		if err != nil {
			return err
		}
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		files, err := learn.ShippedCode(racekit.Shipped, ex)
		if err != nil {
			return err
		}
		if !*yes {
			var paths []string
			for _, f := range files {
				paths = append(paths, f.Path)
			}
			if err := a.confirm(fmt.Sprintf("reset %s to the code as shipped? your changes will be lost [y/N] ", strings.Join(paths, ", ")), shortName(ex)); err != nil {
				return err
			}
		}
		restored, extra, err := learn.Reset(root, racekit.Shipped, ex)
		if err != nil {
			return err
		}
		s := a.loadProgress(root)
		s.Reset(ex.Name)
		a.saveProgress(root, s)
		for _, f := range restored {
			fmt.Fprintf(a.stdout, "restored %s as shipped\n", f.Path)
		}
		for _, p := range extra {
			fmt.Fprintf(a.stdout, "kept %s: not shipped with the kit, and still graded\n", p)
		}
		return nil
	}
}

// confirm asks a yes-or-no question and reads the answer from standard
// input. Without a terminal an answer can still be piped in; with no
// answer at all it refuses rather than guess.
func (a *app) confirm(question, exercise string) error {
	terminal := a.stdinTerminal()
	if terminal {
		fmt.Fprint(a.stdout, question)
	}
	line, err := bufio.NewReader(a.stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	if err == io.EOF && answer == "" {
		if terminal {
			fmt.Fprintln(a.stdout)
		} else {
			return refused{"reset needs a confirmation, and standard input is not a terminal",
				fmt.Sprintf("run 'grade reset %s --yes' to reset without asking", exercise)}
		}
	} else if err != nil && err != io.EOF {
		return err
	}
	if answer != "y" && answer != "yes" {
		return refused{"reset cancelled; nothing was changed",
			fmt.Sprintf("answer y to reset, or run 'grade reset %s --yes'", exercise)}
	}
	return nil
}
