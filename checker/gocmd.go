package checker

// The go command's arguments for the builds and vets of a check, in one
// place: the batch and the single package build and vet the same way.

// buildArgs are the arguments of go test that compile race test binaries
// into output (a file, or a folder ending in a separator for several
// packages). -s -w: no symbol table or DWARF, which links faster; stack
// traces and race reports read the pcln table, which stays.
func buildArgs(output, overlay string, packages ...string) []string {
	args := []string{"test", "-c", "-race", "-ldflags=-s -w", "-o", output}
	return append(append(args, overlayArgs(overlay)...), packages...)
}

// vetArgs are the arguments of go vet -json with the analyzers the checker
// runs. -race makes vet use the same compiled dependencies as the race
// build, so that nothing is compiled twice.
func vetArgs(overlay string, packages ...string) []string {
	args := []string{"vet", "-json", "-race"}
	for _, a := range VetAnalyzers {
		args = append(args, "-"+a)
	}
	return append(append(args, overlayArgs(overlay)...), packages...)
}

// overlayArgs passes an overlay file, if there is one.
func overlayArgs(overlay string) []string {
	if overlay == "" {
		return nil
	}
	return []string{"-overlay", overlay}
}
