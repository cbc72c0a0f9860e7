// Command 22_many_closers totals a company's sales: it fetches the rows of
// every regional database at once and adds them up as they arrive.
//
// Run it with: go run ./exercises/22_many_closers
package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Region is one regional sales database.
type Region struct {
	Name  string
	Sales []int // the amount of every sale, in euros
}

// Row is one sale as it arrives from a region's database.
type Row struct {
	Region string
	Amount int
}

// regions are the company's sales databases.
var regions = []Region{
	{"north", []int{120, 80, 45}},
	{"south", []int{300, 15}},
	{"east", []int{60, 60, 60, 20}},
}

// conn is an open connection to a region's database.
type conn struct{ region Region }

// connect opens a connection to a region's database; it takes a moment.
func connect(r Region) *conn {
	time.Sleep(10 * time.Millisecond)
	return &conn{region: r}
}

// close says goodbye to the database; that takes a moment too.
func (c *conn) close() {
	time.Sleep(5 * time.Millisecond)
}

// fetch streams every sale of one region into rows.
func fetch(r Region, rows chan<- Row) {
	// TODO: every region's fetch closes rows when it is done, and a channel
	// can be closed only once.
	defer close(rows)
	c := connect(r)
	defer c.close()
	for _, amount := range c.region.Sales {
		rows <- Row{r.Name, amount}
	}
}

// total fetches the sales of every region at once, prints each region's
// total to out and returns the grand total.
func total(out io.Writer, regions []Region) int {
	rows := make(chan Row)
	for _, r := range regions {
		go fetch(r, rows)
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
