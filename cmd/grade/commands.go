package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// command is one of grade's commands: its name, what it takes, and a
// define function that adds its flags to a flag set and returns what runs
// it with the positional arguments. One table of them drives dispatch,
// grade help and every command's -h.
type command struct {
	// name is the word after grade; "" for grade itself.
	name string
	// args shows the positional arguments: "NAME|NUMBER".
	args string
	// summary says in one line what the command does.
	summary string
	define  func(fs *flag.FlagSet) func(a *app, args []string) error
}

// commands lists grade's commands in the order grade help shows them.
// help is added by init, as it prints this table.
var commands = []command{
	{name: "", args: "", summary: "grade every exercise and explain the first that fails", define: defineGradeAll},
	{name: "run", args: "NAME|NUMBER", summary: "grade one exercise and explain it", define: defineRun},
	{name: "list", summary: "list the exercises with their status and your progress", define: defineList},
	{name: "watch", summary: "work on the current exercise: re-grade on every save, keys for hints", define: defineWatch},
	{name: "next", summary: "say which exercise is next and how to start it", define: defineNext},
	{name: "hint", args: "NAME|NUMBER", summary: "show an exercise's next hint", define: defineHint},
	{name: "rules", args: "[NAME|NUMBER]", summary: "list the static rules, what each forbids and where it applies", define: defineRules},
	{name: "solution", args: "NAME|NUMBER", summary: "show an exercise's solution once it passes", define: defineSolution},
	{name: "reset", args: "NAME|NUMBER", summary: "put an exercise's code back as shipped", define: defineReset},
	{name: "check", args: "DIR...", summary: "grade any package directory by its own tests", define: defineCheck},
	{name: "verify", args: "[NAME...]", summary: "check that every exercise fails as declared and every solution passes", define: defineVerify},
	{name: "batch", args: "DIR", summary: "grade a class: every student folder of DIR, into a gradebook and a class report", define: defineBatch},
	{name: "merge", args: "OUTDIR...", summary: "join the output folders of grade batch --shard into one gradebook and report", define: defineMerge},
	{name: "release", args: "DIR", summary: "write a student starter repository: the exercises, no solutions, a Classroom workflow", define: defineRelease},
}

func init() {
	commands = append(commands, command{name: "help", args: "[COMMAND]", summary: "show the commands, or one command's flags", define: defineHelp})
}

// lookup returns the command named name.
func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// dispatch finds the command in args, parses its flags and runs it.
func (a *app) dispatch(args []string) error {
	name, rest := "", args
	if len(args) > 0 && !isFlag(args[0]) {
		name, rest = args[0], args[1:]
	}
	cmd, ok := lookup(name)
	if !ok {
		return usagef("unknown command %q", name)
	}
	fs := flag.NewFlagSet(cmd.title(), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := cmd.define(fs)
	positional, err := parse(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		if cmd.name == "" {
			a.overview()
			fmt.Fprintln(a.stdout)
		}
		cmd.help(a.stdout, fs)
		return nil
	}
	if err != nil {
		return err
	}
	return run(a, positional)
}

// title is how the command is typed: "grade run".
func (c command) title() string {
	return strings.TrimSpace("grade " + c.name)
}

// help prints the command's usage and flags.
func (c command) help(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", strings.TrimSpace(c.title()+" [flags] "+c.args), c.summary)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "\nflags:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(tw, "  --%s %s\t%s%s\n", f.Name, name, usage, def)
	})
	tw.Flush()
}

// defineHelp is grade help: every command, or one command's flags.
func defineHelp(*flag.FlagSet) func(a *app, args []string) error {
	return func(a *app, args []string) error {
		if len(args) > 1 {
			return usagef("help takes at most one command: grade help COMMAND")
		}
		if len(args) == 1 {
			cmd, ok := lookup(args[0])
			if !ok || args[0] == "" {
				return usagef("unknown command %q", args[0])
			}
			fs := flag.NewFlagSet(cmd.title(), flag.ContinueOnError)
			cmd.define(fs)
			cmd.help(a.stdout, fs)
			return nil
		}
		a.overview()
		return nil
	}
}

// overview lists every command with what it does.
func (a *app) overview() {
	fmt.Fprintln(a.stdout, "usage:")
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 3, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", strings.TrimSpace(c.title()+" "+c.args), c.summary)
	}
	tw.Flush()
	fmt.Fprintln(a.stdout, "\n'grade help COMMAND' or 'grade COMMAND -h' shows a command's flags")
}

// parse parses args, turning flag errors into usage errors; -h and --help
// come back as flag.ErrHelp. Flags may come after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%s", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// isFlag reports whether a command-line word is a flag.
func isFlag(arg string) bool {
	return len(arg) > 1 && arg[0] == '-'
}
