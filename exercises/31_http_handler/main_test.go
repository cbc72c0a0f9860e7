package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// visitorNumber reads the number out of a greeting.
func visitorNumber(t *testing.T, greeting string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscanf(greeting, "Welcome, visitor #%d!", &n); err != nil {
		t.Fatalf("the page said %q, want \"Welcome, visitor #N!\"", greeting)
	}
	return n
}

func TestOneVisitorAtATime(t *testing.T) {
	srv := httptest.NewServer(&Counter{})
	defer srv.Close()
	for want := 1; want <= 3; want++ {
		resp, err := http.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := visitorNumber(t, string(body)); got != want {
			t.Errorf("visitor %d was greeted as #%d", want, got)
		}
	}
}

func TestVisitorsAtOnce(t *testing.T) {
	const visitors = 20
	c := &Counter{}
	recs := make([]*httptest.ResponseRecorder, visitors)
	reqs := make([]*http.Request, visitors)
	for i := range visitors {
		recs[i] = httptest.NewRecorder()
		reqs[i] = httptest.NewRequest("GET", "/", nil)
	}
	// Serve every visitor on its own goroutine, as net/http does.
	var wg sync.WaitGroup
	for i := range visitors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.ServeHTTP(recs[i], reqs[i])
		}()
	}
	wg.Wait()

	seen := make(map[int]int)
	for _, rec := range recs {
		seen[visitorNumber(t, rec.Body.String())]++
	}
	for n := 1; n <= visitors; n++ {
		switch seen[n] {
		case 0:
			t.Errorf("no visitor was greeted as #%d", n)
		case 1:
		default:
			t.Errorf("%d visitors were greeted as #%d", seen[n], n)
		}
	}
}
