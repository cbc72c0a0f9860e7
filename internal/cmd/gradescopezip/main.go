// Command gradescopezip builds the upload zip of racekit's Gradescope
// autograder (make gradescope-zip): setup.sh and run_autograder from
// templates/gradescope, and a grade binary built from this working copy
// for Gradescope's Linux machines, so that Gradescope grades with exactly
// these exercises and tests. It uses Go's archive/zip, so it works where
// no zip command is installed.
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/racekit/racekit/templates"
)

func main() {
	out := flag.String("o", "gradescope.zip", "the zip to write")
	arch := flag.String("arch", "amd64", "GOARCH of Gradescope's machines")
	flag.Parse()
	if err := run(*out, *arch); err != nil {
		fmt.Fprintf(os.Stderr, "gradescopezip: %v\n", err)
		os.Exit(1)
	}
}

// run builds grade for linux/arch and writes the zip to out.
func run(out, arch string) error {
	tmp, err := os.MkdirTemp("", "gradescopezip")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "grade")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "github.com/racekit/racekit/cmd/grade")
	// grade itself needs no cgo: the go command it runs on Gradescope does.
	build.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+arch, "CGO_ENABLED=0")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building grade for linux/%s: %w", arch, err)
	}
	grade, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	files, err := autograderFiles(templates.Files, grade)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := writeZip(f, files); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("wrote %s: upload it as the autograder of a Gradescope programming assignment\n", out)
	return nil
}

// file is one file of the zip.
type file struct {
	name string
	data []byte
}

// autograderFiles are the zip's files, at its root as Gradescope wants
// them: setup.sh, run_autograder and grade.
func autograderFiles(tmpl fs.FS, grade []byte) ([]file, error) {
	var files []file
	for _, name := range []string{"setup.sh", "run_autograder"} {
		data, err := fs.ReadFile(tmpl, "gradescope/"+name)
		if err != nil {
			return nil, err
		}
		files = append(files, file{name, data})
	}
	return append(files, file{"grade", grade}), nil
}

// writeZip writes files into a zip, each executable (all are programs).
func writeZip(w io.Writer, files []file) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate}
		h.SetMode(0o755)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
