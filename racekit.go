// Package racekit holds the kit as shipped: the module's go.mod and go.sum,
// the racetest helpers, the catalog, and every exercise's program, tests and
// README. They are embedded in the grade command, which builds every
// exercise in a module of its own made from these files, so that nothing in
// a working copy but the student's code can change a grade.
//
// An exercise's program as shipped is kept in shipped/NN_slug, apart from
// exercises/NN_slug where the student edits it: a grade binary built from a
// working copy whose exercises are solved still knows them as shipped, so
// that its self-check (grade verify) and its reset work there too.
package racekit

import (
	"embed"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"
)

// files are the embedded files, as they lie in the repository.
//
//go:embed go.mod go.sum racetest/*.go racetest/*/*.go exercises/info.toml exercises/*/*_test.go exercises/*/README.md shipped/*/*.go
var files embed.FS

// Shipped is the kit as shipped, laid out as in a fresh clone: go.mod,
// go.sum, racetest's files, exercises/info.toml, and each exercise's
// folder with its README, its tests and its program as shipped (from
// shipped/NN_slug).
var Shipped fs.FS = asShipped(files)

// asShipped lays the files out as a fresh clone has them: shipped/NN_slug/
// becomes exercises/NN_slug/.
func asShipped(embedded fs.FS) fs.FS {
	kit := fstest.MapFS{}
	err := fs.WalkDir(embedded, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(embedded, p)
		if err != nil {
			return err
		}
		if rest, ok := strings.CutPrefix(p, "shipped/"); ok {
			p = path.Join("exercises", rest)
		}
		kit[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		panic("racekit: reading the embedded kit: " + err.Error()) // cannot happen: embed.FS is in memory
	}
	return kit
}

// ReportSchema is schema/report.schema.json: the JSON Schema (draft
// 2020-12) of the report document, version 1, that grade --format json
// prints. Package internal/reportschema validates documents against it.
//
//go:embed schema/report.schema.json
var ReportSchema []byte
