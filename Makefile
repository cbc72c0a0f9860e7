# racekit: each target is a thin call of a go command.
GO ?= go
GRADE := bin/grade
REPEAT ?= 20
CPU ?= 1,2,4

.PHONY: grade test verify lint bench bench-batch batch-check flake build install hostile gradescope-zip

build:
	$(GO) build -o $(GRADE) ./cmd/grade

## install: put grade on your PATH: go install writes it to $GOBIN, else to $(go env GOPATH)/bin
install:
	$(GO) install ./cmd/grade
	@dir="$$($(GO) env GOBIN)"; [ -n "$$dir" ] || dir="$$($(GO) env GOPATH)/bin"; \
	case ":$$PATH:" in \
	*":$$dir:"*) echo "grade: installed $$dir/grade; try: grade watch" ;; \
	*) echo "grade: installed $$dir/grade, but $$dir is not on your PATH"; \
	   echo "grade: hint: export PATH=\"$$dir:\$$PATH\" (and add that line to your shell's profile)" ;; \
	esac

## grade: grade every exercise and explain the first one that fails
grade: build
	@./$(GRADE)

## test: the kit's own tests (vet, actionlint, every package and the CLI's scripts)
# cmd/grade's scripts take about 5 minutes alone on 2 cores; -timeout only
# guards against a hang, so it leaves room for a machine busy with more.
test: build
	$(GO) vet ./...
	$(GO) tool actionlint templates/github-classroom/classroom.yml templates/github-actions/racekit.yml
	$(GO) tool gotestsum --format testname -- -count=1 -timeout=20m ./...

## verify: the self-check: every exercise fails as declared, every solution and variant passes, every wrong fix gets its verdict, REPEAT times at each CPU count (.ci/run: REPEAT=1 CPU=1,2, 356 results, about 6 minutes on 2 cores)
verify: build
	./$(GRADE) verify --repeat $(REPEAT) --cpu $(CPU)

lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: the files above need formatting"; exit 1; }

## bench: time grade against plain go test -race on a solved copy of the kit, then grade batch over a generated class of 20
bench:
	$(GO) run ./internal/cmd/bench -n 5 -cold 5 -batch-n 3

## bench-batch: only the grade batch part of bench (a generated class of 20, one run)
bench-batch:
	$(GO) run ./internal/cmd/bench -batch-only -batch-n 1

## batch-check: grade batch over a generated class of 20 gives each student what grade alone gives (minutes)
batch-check:
	RACEKIT_HEAVY=1 $(GO) test -count=1 -timeout 70m -run TestBatchGradesLikeGradeAlone -v ./internal/batch

## flake: the reliability matrix: every exercise and solution REPEAT times at each CPU count
flake: build
	./$(GRADE) verify --repeat $(REPEAT) --cpu 1,2,4,8,16

## hostile: the hostile cases, heavy ones included (hundreds of megabytes of output, a goroutine bomb), then again with every CPU busy: the same verdicts
hostile:
	RACEKIT_HEAVY=1 $(GO) test -count=1 -run 'TestHostile|TestRaceAfterItsTest|BinaryCache' ./checker
	RACEKIT_HEAVY=1 $(GO) test -count=1 -run 'TestHostileCodeCannotChangeOtherResults' ./internal/grading
	RACEKIT_HEAVY=1 RACEKIT_BUSY=1 $(GO) test -count=1 -v -run 'TestHostile$$' ./checker

## gradescope-zip: the Gradescope autograder's upload zip (templates/gradescope and a grade built for Linux)
gradescope-zip:
	$(GO) run ./internal/cmd/gradescopezip -o gradescope.zip
