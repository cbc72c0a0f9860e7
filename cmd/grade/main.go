// Command grade grades racekit's exercises under the race detector and
// tells the student what is wrong in their own code.
//
//	grade                 grade every exercise, explain the first failing one
//	grade run N           grade one exercise and explain it
//	grade list            list the exercises with their status and your progress
//	grade watch           work on the current exercise: re-graded on every save
//	grade next            which exercise is next, and how to start it
//	grade hint N          the exercise's next hint (--tier K for a given one)
//	grade rules [N]        the static rules, what each forbids and where it applies
//	grade solution N      the reference solution, once the exercise passes
//	grade reset N         put the exercise's code back as shipped
//	grade check DIR       grade any package directory by its own tests
//	grade verify [N...]   the kit's self-check: exercises fail as declared, solutions pass
//	grade batch DIR       grade a class: one folder per student, a gradebook, a report
//	grade merge OUTDIR... join the output folders of sharded batches
//	grade release DIR     write a student starter repository
//	grade help [COMMAND]  the commands, or one command's flags
//
// Exit status: 0 when everything passes, 1 when something does not, 2 for a
// usage error, 3 when the grader itself cannot work.
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
	a := &app{stdout: stdout, stderr: stderr, stdin: os.Stdin, getenv: os.Getenv}
	return a.exit(a.dispatch(args))
}
