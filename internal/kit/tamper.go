package kit

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Warning is something in a working copy or the environment that the
// grader ignores, named so that a student or a teacher sees it was
// ignored: the grade does not depend on it.
type Warning struct {
	// File is the kit-relative slash path it is about, or the
	// environment variable's name.
	File string `json:"file"`
	// Message says what was found and what the grader did instead.
	Message string `json:"message"`
}

// String formats the warning as "file: message".
func (w Warning) String() string { return w.File + ": " + w.Message }

// Tampered compares the working copy with the kit as shipped and lists
// every file the grader will not use: edited, added or deleted tests and
// racetest files, a changed go.mod, go.sum or catalog, a vendor folder, a
// go.work at or above the kit. Line endings do not count: a checkout that
// turned LF into CRLF has not edited anything.
func (k *Kit) Tampered() []Warning {
	var ws []Warning
	add := func(file, msg string) { ws = append(ws, Warning{File: file, Message: msg}) }
	for _, f := range []string{"go.mod", "go.sum", "exercises/info.toml"} {
		if changed, missing := k.differs(f); missing {
			add(f, "deleted; the grader uses its own copy")
		} else if changed {
			add(f, "edited; the grader uses its own copy")
		}
	}
	var dirs []string
	_ = fs.WalkDir(k.Shipped, "racetest", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	for _, ex := range k.Catalog.Exercises {
		dirs = append(dirs, ex.Dir())
	}
	for _, dir := range dirs {
		ws = append(ws, k.tamperedFiles(dir)...)
	}
	if st, err := os.Stat(k.Path("vendor")); err == nil && st.IsDir() {
		add("vendor", "a vendor folder; the grader ignores it and builds with the kit's own modules")
	}
	for dir := k.Root; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			add(filepath.ToSlash(filepath.Join(dir, "go.work")), "a go.work at or above the kit; the grader ignores it")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ws
}

// tamperedFiles lists the files of a shipped folder that differ from the
// working copy: in racetest every Go file, in an exercise its tests (the
// code is the student's).
func (k *Kit) tamperedFiles(dir string) []Warning {
	watched := func(name string) bool {
		if dir == "racetest" || strings.HasPrefix(dir, "racetest/") {
			return strings.HasSuffix(name, ".go")
		}
		return strings.HasSuffix(name, "_test.go")
	}
	var ws []Warning
	shipped := map[string]bool{}
	entries, _ := fs.ReadDir(k.Shipped, dir)
	for _, e := range entries {
		if e.IsDir() || !watched(e.Name()) {
			continue
		}
		p := path.Join(dir, e.Name())
		shipped[p] = true
		if changed, missing := k.differs(p); missing {
			ws = append(ws, Warning{p, "deleted; the grader uses the file as shipped"})
		} else if changed {
			ws = append(ws, Warning{p, "edited; the grader uses the file as shipped"})
		}
	}
	local, _ := os.ReadDir(k.Path(dir))
	var added []string
	for _, e := range local {
		p := path.Join(dir, e.Name())
		if !e.IsDir() && watched(e.Name()) && !shipped[p] {
			added = append(added, p)
		}
	}
	sort.Strings(added)
	for _, p := range added {
		ws = append(ws, Warning{p, "not shipped with the kit; the grader leaves it out"})
	}
	return ws
}

// differs compares a shipped file with the working copy's.
func (k *Kit) differs(rel string) (changed, missing bool) {
	want, err := fs.ReadFile(k.Shipped, rel)
	if err != nil {
		return false, false // not shipped: nothing to compare
	}
	got, err := os.ReadFile(k.Path(rel))
	if err != nil {
		return false, true
	}
	return !bytes.Equal(normalize(want), normalize(got)), false
}

// normalize turns CRLF line endings into LF.
func normalize(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}
