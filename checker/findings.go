package checker

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Finding is one message about a place in the source: a compiler error, a
// go vet report or a broken rule.
type Finding struct {
	// Source names who found it: "compiler", "vet:copylocks",
	// "rule:no-sleep", ...
	Source  string `json:"source"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	// Code is the source line, as written, when it could be read.
	Code string `json:"code,omitempty"`
	// Note is set for a go vet finding in a file the graded code does not
	// own (a _test.go file, unless Options.VetOwnsTests): it is reported
	// but does not decide the verdict.
	Note bool `json:"note,omitempty"`
}

// String formats the finding as file:line:col: message, with the file's
// base name.
func (f Finding) String() string {
	pos := filepath.Base(f.File)
	if f.Line > 0 {
		pos += ":" + strconv.Itoa(f.Line)
		if f.Column > 0 {
			pos += ":" + strconv.Itoa(f.Column)
		}
	}
	return pos + ": " + f.Message
}

var compilerError = regexp.MustCompile(`(?m)^(\S+?\.go):(\d+)(?::(\d+))?: (.+)$`)

// parseCompilerErrors finds file:line:col: message lines in build output;
// relative file names are taken relative to dir.
func parseCompilerErrors(out, dir string) []Finding {
	var fs []Finding
	for _, m := range compilerError.FindAllStringSubmatch(out, -1) {
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		fs = append(fs, Finding{Source: "compiler", File: file, Line: line, Column: col, Message: m[4]})
	}
	return fs
}

// vetReport is go vet -json's output: package, analyzer, diagnostics.
type vetReport map[string]map[string]json.RawMessage

type vetDiagnostic struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

// parseVetJSON reads the findings of go vet -json. The output may hold a
// JSON object per package, with comment lines between them.
func parseVetJSON(out string) ([]Finding, error) {
	var fs []Finding
	err := decodeVet(out, func(_ string, f Finding) { fs = append(fs, f) })
	sortFindings(fs)
	return fs, err
}

// decodeVet calls fn with each finding of go vet -json's output and the
// package it is in. vet prints each package's findings as a JSON object
// whose braces start a line; lines outside them ("# package" comments, a
// package's type errors) are skipped.
func decodeVet(out string, fn func(pkg string, f Finding)) error {
	var block strings.Builder
	in := false
	for line := range strings.SplitSeq(out, "\n") {
		line = strings.TrimSuffix(line, "\r")
		switch {
		case !in && line == "{":
			in = true
			block.Reset()
		case !in:
			continue
		}
		block.WriteString(line + "\n")
		if line != "}" {
			continue
		}
		in = false
		var rep vetReport
		if err := json.Unmarshal([]byte(block.String()), &rep); err != nil {
			return fmt.Errorf("reading go vet output: %w", err)
		}
		for pkg, analyzers := range rep {
			for name, raw := range analyzers {
				var diags []vetDiagnostic
				if json.Unmarshal(raw, &diags) != nil {
					continue // {"error": ...}: the build reports it
				}
				for _, d := range diags {
					fn(pkg, findingAt(d.Posn, "vet:"+name, d.Message))
				}
			}
		}
	}
	if in {
		return fmt.Errorf("reading go vet output: an object is cut off")
	}
	return nil
}

// findingAt builds a finding from a "file:line:col" position.
func findingAt(posn, source, msg string) Finding {
	f := Finding{Source: source, Message: msg, File: posn}
	parts := strings.Split(posn, ":")
	if n := len(parts); n >= 3 {
		line, err1 := strconv.Atoi(parts[n-2])
		col, err2 := strconv.Atoi(parts[n-1])
		if err1 == nil && err2 == nil {
			f.File, f.Line, f.Column = strings.Join(parts[:n-2], ":"), line, col
		}
	}
	return f
}

// sortFindings orders findings by file, line and column.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}
