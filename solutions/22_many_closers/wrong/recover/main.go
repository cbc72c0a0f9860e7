// wrong: swallows the second close's panic; caught by rule no-recover
// Command 22_many_closers totals a company's sales: it fetches the rows of
// every regional database at once and adds them up as they arrive.
//
// Run it with: go run ./exercises/22_many_closers
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Region is one regional sales database.
type Region struct {
	Name    string
	Latency time.Duration // how long the database takes to answer
	Sales   []int         // the amount of every sale, in euros
}

// Row is one sale as it arrives from a region's database.
type Row struct {
	Region string
	Amount int
}

// regions are the company's sales databases.
var regions = []Region{
	{"north", 10 * time.Millisecond, []int{120, 80, 45}},
	{"south", 30 * time.Millisecond, []int{300, 15}},
	{"east", 20 * time.Millisecond, []int{60, 60, 60, 20}},
}

// fetch streams every sale of one region into rows and tells wg that the
// region is done. Once every region is done, rows is closed so that the
// report knows that no more rows are coming.
func fetch(r Region, rows chan<- Row, wg *sync.WaitGroup) {
	defer func() { recover() }() // rows is already closed: fine
	time.Sleep(r.Latency)
	for _, amount := range r.Sales {
		rows <- Row{r.Name, amount}
	}
	wg.Done()
	// TODO: the report panics as soon as every region is done.
	wg.Wait()
	close(rows)
}

// total fetches the sales of every region at once, prints each region's
// total to out and returns the grand total.
func total(out io.Writer, regions []Region) int {
	rows := make(chan Row)
	var wg sync.WaitGroup
	for _, r := range regions {
		wg.Add(1)
		go fetch(r, rows, &wg)
	}
	sums := make(map[string]int)
	grand := 0
	for row := range rows {
		sums[row.Region] += row.Amount
		grand += row.Amount
	}
	for _, r := range regions {
		fmt.Fprintf(out, "%-6s %5d €\n", r.Name, sums[r.Name])
	}
	return grand
}

func main() {
	grand := total(os.Stdout, regions)
	fmt.Printf("total  %5d €\n", grand)
}
