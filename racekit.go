// Package racekit holds the kit's exercises as shipped: the catalog, the
// programs and their tests, embedded in the grade command so that it can
// grade with the tests as written even when a working copy was edited.
package racekit

import "embed"

// Shipped holds exercises/info.toml and every file of every exercise as
// shipped.
//
//go:embed exercises/info.toml exercises/*/*.go exercises/*/README.md
var Shipped embed.FS
