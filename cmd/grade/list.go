package main

import (
	"fmt"
	"text/tabwriter"
)

// list grades every exercise and lists them with their status, bug class
// and the primitive that fixes them.
func (a *app) list(args []string) error {
	fs := a.flags("list")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("list takes no arguments")
	}
	k, err := a.openKit()
	if err != nil {
		return err
	}
	ctx, cancel := signalContext()
	defer cancel()
	results, err := gradeExercises(ctx, k, k.Catalog.Exercises, false)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "exercise\tstatus\tbug\tfix")
	done := 0
	for i, ex := range k.Catalog.Exercises {
		status := string(results[i].Verdict)
		if results[i].Passed {
			status = "done"
			done++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ex.Name, status, ex.Bug, ex.Fix)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\n%d of %d done\n", done, len(k.Catalog.Exercises))
	return nil
}
