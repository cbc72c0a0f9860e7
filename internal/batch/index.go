package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/racekit/racekit/internal/atomicfile"
	"github.com/racekit/racekit/internal/report"
)

const (
	// studentsDir is the output folder's folder of per-student documents.
	studentsDir = "students"
	// indexFile is the output folder's index of content hashes.
	indexFile = "index.json"
)

// Index records, per student, the content hash of the code its document
// was graded from, and which grader graded it.
type Index struct {
	// Version is the index's format: 1.
	Version int `json:"version"`
	// Grader and Go name the grader's and the go command's versions.
	Grader string `json:"grader"`
	Go     string `json:"go"`
	// Students maps a student's folder name to its entry.
	Students map[string]Entry `json:"students"`
}

// Entry is one student's line of the index.
type Entry struct {
	// Hash is the submission's content hash (see Hash).
	Hash string `json:"hash"`
	// File is the student's document, relative to the output folder.
	File string `json:"file"`
}

// ReadIndex reads the index of the output folder out; a folder without
// one has an empty index.
func ReadIndex(out string) (*Index, error) {
	idx := &Index{Version: 1, Students: map[string]Entry{}}
	data, err := os.ReadFile(filepath.Join(out, indexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return idx, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, idx); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(out, indexFile), err)
	}
	if idx.Students == nil {
		idx.Students = map[string]Entry{}
	}
	for name, e := range idx.Students {
		if !isHash(e.Hash) {
			delete(idx.Students, name)
		}
	}
	return idx, nil
}

// Write writes the index into the output folder out, replacing the old
// one only once the new one is complete.
func (idx *Index) Write(out string) error {
	idx.Version = 1
	data, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(out, indexFile), append(data, '\n'))
}

// ReadDocument reads a report document from a file.
func ReadDocument(path string) (*report.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc report.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if doc.Version != report.Version {
		return nil, fmt.Errorf("%s: not a version %d report document", path, report.Version)
	}
	return &doc, nil
}

// writeStudent writes a student's document into out/students/NAME.json.
func writeStudent(out string, st Student) error {
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, st.Doc); err != nil {
		return err
	}
	return writeFile(filepath.Join(out, studentsDir, st.Name+".json"), buf.Bytes())
}

// writeFile writes data to path whole or not at all.
func writeFile(path string, data []byte) error {
	return atomicfile.Write(path, data, 0o644)
}
