// Package pristine writes the kit as shipped, from the files embedded in the
// grader, into a module folder of its own, and lays one exercise's student
// code over it at build time. Grading there, every file but the student's
// code in the graded exercise's folder comes from the grader: the tests,
// racetest, go.mod, go.sum and the catalog. Nothing else in a working copy
// can change a verdict.
package pristine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/racekit/racekit/internal/atomicfile"
)

// Module is the kit as shipped, written out as a module folder.
type Module struct {
	// Root is the module's folder: it holds go.mod.
	Root string
	// shipped holds the files the module was written from.
	shipped fs.FS
	// mu guards stamps, which holds each file's stamp (see stampOf) as
	// Repair last found it with the shipped content.
	mu     sync.Mutex
	stamps map[string]stamp
}

// Digest names the content of shipped: the same files give the same
// digest, so that graders built from the same kit share a module folder
// (and with it the go command's build cache, which keys on the folder).
func Digest(shipped fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(shipped, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(shipped, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// Write writes every file of shipped under root and returns the module.
// A file already there with the same content is left alone, and each file
// is written whole and renamed into place, so that graders writing the same
// module at once never see half a file.
func Write(root string, shipped fs.FS) (*Module, error) {
	if _, err := fs.Stat(shipped, "go.mod"); err != nil {
		return nil, fmt.Errorf("the grader has no go.mod of the kit: %w", err)
	}
	err := fs.WalkDir(shipped, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(shipped, p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(root, filepath.FromSlash(p)), data)
	})
	if err != nil {
		return nil, fmt.Errorf("writing the kit's module: %w", err)
	}
	m := &Module{Root: root, shipped: shipped}
	if _, err := m.Repair(); err != nil {
		return nil, fmt.Errorf("writing the kit's module: %w", err)
	}
	return m, nil
}

// Repair makes the module the kit as shipped again, and reports whether
// anything in it changed since the last Repair (or Write). The test
// binaries of the code being graded run as the grader's user and can write
// the module: a test file rewritten there would grade every later student
// by other tests. So before and after each build the grader calls Repair:
// a shipped file whose content differs is written again, a file or folder
// the kit does not ship is removed, a missing one is written, and a
// changed stamp (size, times, inode: any write, even one that put the
// content back) reports the module touched, so that what a build read
// while it was touched is built again. Only files the go command would
// read or a test could open are compared: the atomic writer's temporary
// files of a grader writing the same module at once are left alone.
func (m *Module) Repair() (touched bool, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	first := m.stamps == nil
	stamps := map[string]stamp{}
	var extra []string
	err = filepath.WalkDir(m.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil // removed while walking: written again below
			}
			return err
		}
		rel, err := filepath.Rel(m.Root, p)
		if err != nil || rel == "." {
			return err
		}
		slash := filepath.ToSlash(rel)
		info, err := fs.Stat(m.shipped, slash)
		switch {
		case err != nil && isTemp(d.Name()):
			return nil
		case err != nil || info.IsDir() != d.IsDir() || !d.IsDir() && !d.Type().IsRegular():
			extra = append(extra, p)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil // gone: written again below
		}
		st := stampOf(fi)
		if old, ok := m.stamps[slash]; ok && old == st {
			stamps[slash] = st
			return nil
		}
		if !first {
			touched = true
		}
		want, err := fs.ReadFile(m.shipped, slash)
		if err != nil {
			return err
		}
		if got, err := os.ReadFile(p); err == nil && string(got) == string(want) {
			stamps[slash] = st
		}
		return nil
	})
	if err != nil {
		return touched, fmt.Errorf("checking the kit's module: %w", err)
	}
	for _, p := range extra {
		touched = true
		if err := os.RemoveAll(p); err != nil {
			return touched, fmt.Errorf("restoring the kit's module: %w", err)
		}
	}
	err = fs.WalkDir(m.shipped, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := stamps[p]; ok {
			return nil
		}
		touched = touched || !first
		data, err := fs.ReadFile(m.shipped, p)
		if err != nil {
			return err
		}
		name := filepath.Join(m.Root, filepath.FromSlash(p))
		if err := writeFile(name, data); err != nil {
			return err
		}
		fi, err := os.Lstat(name)
		if err != nil {
			return err
		}
		stamps[p] = stampOf(fi)
		return nil
	})
	if err != nil {
		return touched, fmt.Errorf("restoring the kit's module: %w", err)
	}
	m.stamps = stamps
	return touched, nil
}

// isTemp reports whether name is a temporary file of atomicfile.Write,
// which another grader writing the same module may be about to rename.
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// stamp is what changes whenever a file is written: its size, its
// modification time, and where the system knows it, its inode and change
// time, which no user can set back.
type stamp struct {
	size         int64
	mtime, ctime int64
	ino          uint64
}

// writeFile writes data to name unless it already holds exactly that.
func writeFile(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && string(old) == string(data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(name, data, 0o644)
}

// Path returns the absolute path in the module of a slash path relative to
// its root.
func (m *Module) Path(rel string) string {
	return filepath.Join(m.Root, filepath.FromSlash(rel))
}

// Overlay returns the go command's overlay that puts the code files of
// codeDir (the .go files that are not tests) in place of the shipped code
// of the exercise folder exDir (a slash path such as exercises/02_counter):
// each shipped code file is replaced by the student's file of the same name
// or left out, and the student's other code files are added. The shipped
// tests stay. A codeDir that cannot be read is an error.
func (m *Module) Overlay(exDir, codeDir string) (map[string]string, error) {
	code, err := CodeFiles(codeDir)
	if err != nil {
		return nil, err
	}
	overlay := map[string]string{}
	shipped, err := fs.ReadDir(m.shipped, exDir)
	if err != nil {
		return nil, fmt.Errorf("%s is not shipped with this grader", exDir)
	}
	for _, e := range shipped {
		if isCode(e.Name()) {
			overlay[m.Path(path.Join(exDir, e.Name()))] = ""
		}
	}
	for _, name := range code {
		overlay[m.Path(path.Join(exDir, name))] = filepath.Join(codeDir, name)
	}
	return overlay, nil
}

// CodeFiles lists the Go files of dir that are not tests, sorted.
func CodeFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && isCode(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// isCode reports whether a file name is a Go file that is not a test, and
// that the go command would read (no leading dot or underscore).
func isCode(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") &&
		!strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
}
