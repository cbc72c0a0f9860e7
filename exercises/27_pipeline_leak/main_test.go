package main

import (
	"slices"
	"testing"

	"github.com/racekit/racekit/racetest"
)

func TestFirstSquares(t *testing.T) {
	racetest.CheckLeaks(t)
	want := []int{1, 4, 9, 16, 25, 36, 49}
	if got := firstSquares(len(want)); !slices.Equal(got, want) {
		t.Errorf("firstSquares(%d) returned %v, want %v", len(want), got, want)
	}
}

func TestManyQuizzes(t *testing.T) {
	racetest.CheckLeaks(t)
	// A quiz server builds squares for every player; each call must clean
	// up after itself.
	for players := 1; players <= 20; players++ {
		got := firstSquares(players)
		if len(got) != players || got[players-1] != players*players {
			t.Fatalf("firstSquares(%d) returned %v, want %d squares ending in %d", players, got, players, players*players)
		}
	}
}

func TestNoSquares(t *testing.T) {
	racetest.CheckLeaks(t)
	if got := firstSquares(0); len(got) != 0 {
		t.Errorf("firstSquares(0) returned %v, want no squares", got)
	}
}
