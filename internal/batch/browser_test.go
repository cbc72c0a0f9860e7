package batch

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromium finds a Chromium or Chrome binary: $CHROME, else one on PATH.
func chromium() string {
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestReportInBrowser opens report.html in headless Chromium, clicks a
// cell and reads its diagnosis, sorts by total and filters by verdict.
func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser; skipped with -short")
	}
	exe := chromium()
	if exe == "" {
		t.Skip("no chromium binary found (install Debian's chromium package, or set CHROME): the browser test of report.html is skipped")
	}
	cat := testCatalog(t)
	dir := class(t, cat)
	out := t.TempDir()
	run(t, Options{Dir: dir, Out: out, Grader: &fakeGrader{cat: cat}, Catalog: cat})

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Flag("headless", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first call starts the browser, which lives as long as its
	// context: a timeout goes on each later call only.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(out, "report.html")))))
	step, cancelStep := context.WithTimeout(ctx, time.Minute)
	defer cancelStep()

	ex := cat.Exercises[0].Name
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(step, chromedp.Text(chromedp.CSS(sel)))
		require.NoError(t, err, sel)
		return s
	}
	require.NoError(t, chromedp.Do(step,
		chromedp.WaitVisible(chromedp.CSS(`#rows tr`)),
		chromedp.Click(chromedp.CSS(`td.cell[data-student="bob"][data-exercise="`+ex+`"]`)),
	))
	detail := text(`#detail`)
	require.NoError(t, chromedp.Do(step, chromedp.Click(chromedp.CSS(`#sort-total`))))
	firstByTotal := text(`#rows tr:first-child td.name`)
	_, err := chromedp.Run(step, chromedp.Evaluate[bool](`(function () { var s = document.getElementById("filter"); s.value = "race"; return s.dispatchEvent(new Event("change")); })()`))
	require.NoError(t, err)
	shown := text(`#shown`)
	classRow := text(`#class-rows tr[data-exercise="` + ex + `"]`)

	assert.Contains(t, detail, "bob · "+ex+" · race")
	assert.Contains(t, detail, "a data race </script><b>x</b>", "the message, as text")
	assert.Contains(t, detail, "Cause: two goroutines write n")
	assert.Contains(t, detail, "Fix: use a mutex")
	assert.Contains(t, detail, ex+"/main.go:12")
	assert.Contains(t, detail, "n++", "the student's code line")
	assert.Equal(t, "carol", firstByTotal, "carol has the most points")
	assert.Equal(t, "2 of 3 students", shown, "alice and bob have a race")
	assert.Contains(t, classRow, "2", "two students passed the first exercise")
}
