package notestdetect

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func underTest() bool {
	if testing.Testing() { // want `testing.Testing\(\) tells the tests from a real run`
		return true
	}
	if flag.Lookup("test.v") != nil { // want `the flag "test.v" exists only under go test`
		return true
	}
	return strings.HasSuffix(os.Args[0], ".test") // want `os.Args is checked for the test binary's name`
}

func byExecutable() bool {
	exe, _ := os.Executable() // want `os.Executable\(\) is checked for the test binary's name`
	return strings.HasSuffix(filepath.Base(exe), ".test")
}

// usage names the program from os.Args: not a test check.
func usage() {
	fmt.Fprintf(os.Stderr, "usage: %s FILE (the latest one)\n", filepath.Base(os.Args[0]))
	if len(os.Args) > 1 {
		fmt.Println(os.Args[1:])
	}
}
