package main

import (
	"flag"
	"fmt"
	"path"
)

// defineNext is grade next: the first exercise not done, by the progress
// state, with where to read about it and the command to grade it.
func defineNext(*flag.FlagSet) func(a *app, args []string) error {
	return func(a *app, args []string) error {
		if len(args) > 0 {
			return usagef("next takes no arguments")
		}
		cat, err := loadCatalog()
		if err != nil {
			return err
		}
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		s := a.loadProgress(root)
		all := names(cat)
		done := s.Count(all)
		i := s.FirstPending(all)
		if i < 0 {
			fmt.Fprintf(a.stdout, "every exercise is done: %s\n", bar(done, len(all)))
			return nil
		}
		ex := cat.Exercises[i]
		fmt.Fprintf(a.stdout, "next: %s · %s\n", ex.Name, ex.Title)
		fmt.Fprintf(a.stdout, "read: %s\n", path.Join(ex.Dir(), "README.md"))
		fmt.Fprintf(a.stdout, "edit: %s\n", path.Join(ex.Dir(), "main.go"))
		fmt.Fprintf(a.stdout, "run:  grade run %s   (or grade watch)\n", shortName(ex))
		fmt.Fprintf(a.stdout, "%s done\n", bar(done, len(all)))
		return nil
	}
}
