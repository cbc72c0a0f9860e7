// Command grade grades racekit's exercises under the race detector and
// tells the student what is wrong in their own code.
//
//	grade                 grade every exercise, explain the first failing one
//	grade run N           grade one exercise and explain it
//	grade list            list the exercises with their status
//	grade check DIR       grade any package directory by its own tests
//	grade verify [N...]   the kit's self-check: exercises fail as declared, solutions pass
//
// Exit status: 0 when everything passes, 1 when something does not, 2 for a
// usage error, 3 when the grader itself fails.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}

// Main runs grade with the given arguments and returns its exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	app := &app{stdout: stdout, stderr: stderr}
	cmd, rest := "", args
	if len(args) > 0 && !isFlag(args[0]) {
		cmd, rest = args[0], args[1:]
	}
	switch cmd {
	case "":
		return app.exit(app.gradeAll(rest))
	case "run":
		return app.exit(app.run(rest))
	case "list":
		return app.exit(app.list(rest))
	case "check":
		return app.exit(app.check(rest))
	case "verify":
		return app.exit(app.verify(rest))
	case "help":
		return app.exit(app.help(rest))
	default:
		return app.exit(usagef("unknown command %q", cmd))
	}
}
