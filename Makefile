# Disclose — make targets. `make demo` runs the main job; `make test` runs the tests.
# Both install what is missing on Debian (apt-get, as root or with sudo).

GO       ?= go
BIN      := bin/disclose
RECORD   ?=
SAMPLE   ?= ../shared/sample-record/record
OUT      ?= out
DEB_PKGS := postgresql poppler-utils qpdf tesseract-ocr tesseract-ocr-eng fonts-liberation2 mupdf-tools chromium libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui libemail-outlook-message-perl libemail-address-perl pst-utils
# Fuzz budgets are counts of runs, not seconds: Go 1.26's fuzz coordinator
# can report a bare "context deadline exceeded" when a -fuzztime clock runs
# out while a worker is mid-run on a loaded machine (go.dev/issue/75804);
# a count has no clock to race. 20000 runs take about 10 s a target here.
FUZZTIME    ?= 20000x
FUZZMINTIME ?= 1000x
# FuzzMSG and FuzzPST run a converter (msgconvert, readpst) on every input
# that passes the header check, ~1 s each: minimising a new-coverage input
# 1000 times would take a quarter of an hour, so they minimise 20 times.
# (A crasher is written to testdata/fuzz whether or not it is minimised.)
FUZZMINTIME_TOOL ?= 20x

.PHONY: all build deps demo bundle ingest test test-go fuzz bench clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/disclose

# deps installs the Debian packages Disclose needs when any is missing.
deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# demo: the workbench on a private PostgreSQL with the sample record loaded.
demo: deps build
	$(BIN) demo $(if $(RECORD),--record $(RECORD))

# bundle: the batch path — ingest, suggest, redact and write the bundle.
bundle: deps build
	mkdir -p $(OUT)
	$(BIN) bundle --record $(or $(RECORD),$(SAMPLE)) --out $(OUT)/bundle.pdf --schedule $(OUT)/schedule.csv

ingest: deps build
	$(BIN) ingest --record $(or $(RECORD),$(SAMPLE))

test: deps test-go fuzz

test-go:
	$(GO) vet ./...
	$(GO) test -timeout 35m ./...

# fuzz runs each reader's fuzz target briefly; the corpus lives in testdata/fuzz.
fuzz:
	@for f in FuzzDOCX FuzzEML FuzzCSV FuzzXLSX FuzzZip FuzzMSG FuzzPST; do \
	  if grep -rqs "func $$f(" internal/extract; then \
	    case $$f in FuzzMSG|FuzzPST) m=$(FUZZMINTIME_TOOL);; *) m=$(FUZZMINTIME);; esac; \
	    $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=$$m ./internal/extract || exit 1; \
	  fi; \
	done

bench: build
	$(BIN) bench ingest --pages 5000

clean:
	rm -rf bin $(OUT)
