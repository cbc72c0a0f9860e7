package checker

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// prebuilt is what a batch left for one package: its test binary and its
// vet findings, each only when the batch produced them.
type prebuilt struct {
	binary string
	// sealed is the binary with its hash, taken as soon as it was built:
	// before any test binary of the batch ran and could rewrite it.
	sealed sealedBinary
	vet    []Finding
	vetted bool
}

// batch is a group of packages of one module, in distinct directories with
// distinct names, that one go command can build (or vet) together.
type batch struct {
	root    string
	members []int
	// dirs and names are the members' directories and binary names.
	dirs, names map[string]bool
}

// CheckAll checks packages as Check does and returns one result for each,
// in order. A package the checker could not check (a missing directory, no
// tests, the go command stopped) gets a result whose Err says why, so that
// one package never costs the others their results. Packages of one module
// are built with one go test -c and vetted with one go vet, which saves the
// go command's start-up for each package; a package that the batch could
// not build or vet is built or vetted on its own, so its verdict and
// messages are the same as Check's.
func (c *Checker) CheckAll(ctx context.Context, opts []Options) []*Result {
	pre := make([]prebuilt, len(opts))
	results := make([]*Result, len(opts))
	// With ShareResults, a package whose code another check has, or is
	// checking, waits for that result instead of being built and run.
	keys := make([]string, len(opts))
	owned := make([]*sharedResult, len(opts))
	waits := make([]*sharedResult, len(opts))
	original := opts
	if c.shared != nil {
		for i, o := range opts {
			if keys[i] = shareKey(o); keys[i] == "" {
				continue
			}
			if e, owner := c.shared.claim(keys[i]); owner {
				owned[i] = e
			} else {
				waits[i] = e
			}
		}
	}
	tmp, err := os.MkdirTemp("", "racekit-batch-")
	if err == nil {
		defer os.RemoveAll(tmp)
		// The batch builds what each check will build: with the leak
		// check's TestMain laid over.
		opts = slices.Clone(opts)
		for i, o := range opts {
			if dir, err := filepath.Abs(o.Dir); err == nil {
				opts[i], _, _ = addLeakMain(tmp, dir, o)
			}
		}
		for n, b := range batches(opts, func(i int) bool { return waits[i] != nil }) {
			c.prebuild(ctx, filepath.Join(tmp, strconv.Itoa(n)), b, opts, pre)
		}
	}
	slots := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	check := func(i int, pre *prebuilt) {
		res, err := c.check(ctx, opts[i], pre)
		if err != nil {
			res = &Result{Dir: opts[i].Dir, Err: err}
		}
		results[i] = res
	}
	// Those waiting hold no slot while they wait, so checks that own a
	// result always go on: two batches waiting for each other's results
	// cannot both stand still.
	for i := range opts {
		if waits[i] == nil {
			continue
		}
		wg.Go(func() {
			if res, ok := c.shared.wait(ctx, waits[i]); ok {
				results[i] = res
				return
			}
			slots <- struct{}{}
			defer func() { <-slots }()
			check(i, nil)
		})
	}
	for i := range opts {
		if waits[i] != nil {
			continue
		}
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if owned[i] != nil {
				defer func() {
					res := results[i]
					if shareKey(original[i]) != keys[i] {
						// The code changed while it was graded: its
						// result is its own, not that of the code the
						// key names.
						res = nil
					}
					c.shared.finish(keys[i], owned[i], res)
				}()
			}
			check(i, &pre[i])
		})
	}
	wg.Wait()
	return results
}

// batches groups the packages into batches: per module, each directory
// and each binary name at most once in a batch (verify checks one
// directory with several overlays), but those skip names. Groups of one
// are left to Check.
func batches(opts []Options, skip func(int) bool) []batch {
	var all []*batch
	for i, o := range opts {
		if skip(i) {
			continue
		}
		dir, err := filepath.Abs(o.Dir)
		if err != nil {
			continue
		}
		root, name := ModuleRoot(dir), filepath.Base(dir)
		k := slices.IndexFunc(all, func(b *batch) bool { return b.root == root && !b.dirs[dir] && !b.names[name] })
		if k < 0 {
			all = append(all, &batch{root: root, dirs: map[string]bool{}, names: map[string]bool{}})
			k = len(all) - 1
		}
		b := all[k]
		b.members = append(b.members, i)
		b.dirs[dir], b.names[name] = true, true
	}
	var kept []batch
	for _, b := range all {
		if len(b.members) > 1 {
			kept = append(kept, *b)
		}
	}
	return kept
}

var (
	moduleLine   = regexp.MustCompile(`(?m)^module\s+"?([^\s"]+)"?\s*$`)
	buildHeading = regexp.MustCompile(`(?m)^# (\S+)`)
)

// prebuild builds and vets a batch of packages with one go command each,
// and records in pre what each package got. Anything that goes wrong
// leaves the packages to be built and vetted one by one.
func (c *Checker) prebuild(ctx context.Context, tmp string, b batch, opts []Options, pre []prebuilt) {
	verify := opts[b.members[0]].Verify
	if verify != nil {
		if _, err := verify(); err != nil {
			return
		}
	}
	mod, err := os.ReadFile(filepath.Join(b.root, "go.mod"))
	m := moduleLine.FindSubmatch(mod)
	bin := filepath.Join(tmp, "bin")
	if err != nil || m == nil || os.MkdirAll(bin, 0o755) != nil {
		return
	}
	type member struct {
		index       int
		importPath  string
		binary, key string
		cache       binaryCache
	}
	var members []member
	merged := map[string]string{}
	var patterns []string
	for _, i := range b.members {
		dir, _ := filepath.Abs(opts[i].Dir)
		rel, err := filepath.Rel(b.root, dir)
		if err != nil {
			return
		}
		maps.Copy(merged, opts[i].Overlay)
		imp := string(m[1])
		if rel != "." {
			imp += "/" + filepath.ToSlash(rel)
		}
		patterns = append(patterns, "./"+filepath.ToSlash(rel))
		cache := binaryCache{dir: opts[i].BinaryCache, size: opts[i].BinaryCacheSize}
		mb := member{index: i, importPath: imp, binary: filepath.Join(bin, filepath.Base(imp)+".test"), key: cache.key(dir, opts[i].Overlay), cache: cache}
		cache.seed(mb.key, mb.binary)
		members = append(members, mb)
	}
	overlay, err := writeOverlay(tmp, merged)
	if err != nil {
		return
	}
	// Build, then vet, which finds the dependencies compiled (see check).
	buildOut, _, err := c.goCommand(ctx, b.root, buildArgs(bin+string(filepath.Separator), overlay, patterns...)...)
	if err != nil {
		return
	}
	if verify != nil {
		// The module was touched while the batch was built: each
		// package builds on its own, and verifies its own build.
		if touched, err := verify(); err != nil || touched {
			return
		}
	}
	failed := map[string]bool{}
	for _, h := range buildHeading.FindAllStringSubmatch(buildOut, -1) {
		if !slices.ContainsFunc(members, func(mb member) bool { return mb.importPath == h[1] }) {
			return // a dependency failed: each package says so on its own
		}
		failed[h[1]] = true
	}
	vetOut, _, vetErr := c.goCommand(ctx, b.root, vetArgs(overlay, patterns...)...)
	byPackage, vetParsed := map[string][]Finding{}, false
	if vetErr == nil {
		byPackage, vetParsed = parseVetByPackage(vetOut)
	}
	for _, mb := range members {
		if failed[mb.importPath] {
			continue
		}
		p := &pre[mb.index]
		if sealed, err := sealBinary(mb.binary); err == nil {
			p.binary, p.sealed = mb.binary, sealed
			mb.cache.store(mb.key, mb.binary)
		}
		if vetParsed {
			for pkg, fs := range byPackage {
				if pkg == mb.importPath || pkg == mb.importPath+"_test" || strings.HasPrefix(pkg, mb.importPath+" ") {
					p.vet = append(p.vet, fs...)
				}
			}
			sortFindings(p.vet)
			p.vetted = true
		}
	}
}

// parseVetByPackage reads go vet -json's output for several packages: the
// findings of each, keyed by the package path vet prints. Lines outside the
// JSON objects (a package's type errors) are skipped: the package's own
// build reports them. ok is false when an object does not decode.
func parseVetByPackage(out string) (map[string][]Finding, bool) {
	byPackage := map[string][]Finding{}
	if err := decodeVet(out, func(pkg string, f Finding) { byPackage[pkg] = append(byPackage[pkg], f) }); err != nil {
		return nil, false
	}
	return byPackage, true
}
