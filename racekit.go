// Package racekit holds the kit as shipped: the module's go.mod and go.sum,
// the racetest helpers, the catalog, and every exercise's program, tests and
// README. They are embedded in the grade command, which builds every
// exercise in a module of its own made from these files, so that nothing in
// a working copy but the student's code can change a grade.
package racekit

import "embed"

// Shipped holds go.mod, go.sum, racetest's files, exercises/info.toml and
// every file of every exercise as shipped.
//
//go:embed go.mod go.sum racetest/*.go racetest/*/*.go exercises/info.toml exercises/*/*.go exercises/*/README.md
var Shipped embed.FS

// ReportSchema is schema/report.schema.json: the JSON Schema (draft
// 2020-12) of the report document, version 1, that grade --format json
// prints. Package internal/reportschema validates documents against it.
//
//go:embed schema/report.schema.json
var ReportSchema []byte
