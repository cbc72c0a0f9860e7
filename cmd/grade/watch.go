package main

import "flag"

// defineWatch is grade watch.
func defineWatch(*flag.FlagSet) func(a *app, args []string) error {
	return func(a *app, args []string) error { return usagef("watch: not yet") }
}
