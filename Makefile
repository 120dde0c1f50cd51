# Easel — the two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
DEBIAN_PACKAGES := libpng-dev libjpeg62-turbo-dev libsqlite3-dev libncursesw5-dev libwebp-dev zlib1g-dev tmux \
  xvfb xterm xdotool kitty imagemagick
SWIFT_FLAGS ?=
# Release builds (bench, install) are what users start, so they are linked for start-up
# (DECISIONS.md, issue 17): the Swift runtime and Foundation linked in (--static-swift-stdlib);
# lld with packed relative relocations (DT_RELR: the loader's 145 000 relocations cost 0.6 M
# cycles instead of 3.3 M); only the symbols shared objects need exported (734 instead of
# 48 656, which the runtime's backtracer set-up scans through dladdr); no symbol table.
RELEASE_FLAGS ?= -c release --static-swift-stdlib -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs \
  -Xlinker --no-export-dynamic -Xlinker -s
PROMPT ?= a lighthouse on a cliff at dusk, oil painting
PYTHON ?= python3
# Seconds per libFuzzer target: `make fuzz` (600 for the notes' runs), `make fuzz-smoke` (CI).
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 30
# The smoke run's inputs per target, from a fixed seed (the same on every run of a commit).
FUZZ_SMOKE_RUNS ?= 10000
# Where `make install` puts Easel: /usr/local as root, ~/.local otherwise.
PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)

.PHONY: run demo test stress soak build deps bench python-deps clean themes resources install install-files uninstall fuzz fuzz-smoke \
  crashtest sanitize sanitize-thread sanitize-address

## deps: installs missing Debian packages when run as root; otherwise prints the apt-get line.
deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Easel needs these Debian packages. Run:"; \
	    echo "  sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

build: deps
	swift build $(SWIFT_FLAGS)

## run: builds and opens the studio (on the built-in sandbox when no provider is configured).
run: build
	swift run $(SWIFT_FLAGS) easel

## demo: the headless path: generates two images on the sandbox and prints their paths.
demo: build
	swift run $(SWIFT_FLAGS) easel generate "$(PROMPT)" --negative "blurry" --n 2 --sandbox

python-deps:
	@$(PYTHON) -c "import openai, requests, pytest, PIL" 2>/dev/null || \
	  $(PYTHON) -m pip install --quiet --disable-pip-version-check openai requests pytest pillow

## test: the whole suite — Swift tests, then interoperability tests with Python clients.
test: deps python-deps
	swift build --build-tests $(SWIFT_FLAGS)
	swift test --skip-build $(SWIFT_FLAGS)
	EASEL_BIN=$$(swift build $(SWIFT_FLAGS) --show-bin-path)/easel $(PYTHON) -m pytest -q -rs -p no:cacheprovider Tests/python
	$(MAKE) fuzz-smoke

## fuzz: builds the libFuzzer targets (scripts/fuzz.sh) and runs each for FUZZ_SECONDS,
## printing executions and crashes per target; a crash fails the run.
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./scripts/fuzz.sh

## fuzz-smoke: what `make test` (and so CI) runs: every target briefly, from the committed seeds.
fuzz-smoke:
	FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) FUZZ_RUNS=$(FUZZ_SMOKE_RUNS) ./scripts/fuzz.sh

## stress: the end-to-end sequences that once flaked, 50 rounds each (EASEL_STRESS=N for more or fewer).
stress: deps python-deps
	swift build $(SWIFT_FLAGS)
	EASEL_STRESS=$${EASEL_STRESS:-50} EASEL_BIN=$$(swift build $(SWIFT_FLAGS) --show-bin-path)/easel \
	  $(PYTHON) -m pytest -q -p no:cacheprovider Tests/python/test_studio_terminal.py -k "viewer or escape_and_ctrl_c"

## soak: SOAK_JOBS (default 1000) `easel generate` jobs across every provider against
## `easel sandbox --faults` at 20 % faults; prints ok / failed-clearly / outcome-unknown,
## duplicate POSTs, images lost and the history's integrity, and fails on a duplicate or a loss.
soak: build
	$(PYTHON) bench/soak.py --easel $$(swift build $(SWIFT_FLAGS) --show-bin-path)/easel --jobs $${SOAK_JOBS:-1000}

## crashtest: kills `easel generate` and the studio with SIGKILL at random points of each phase,
## runs `easel resume`, and checks POSTs per job, saved images, integrity and stray files
## (CRASH_RUNS=200 by default; the normal suite runs 20 of them).
CRASH_RUNS ?= 200
crashtest: deps python-deps
	swift build $(SWIFT_FLAGS) --product easel
	$(PYTHON) Tests/python/crashloop.py --runs $(CRASH_RUNS) \
	  --easel $$(swift build $(SWIFT_FLAGS) --show-bin-path)/easel

## sanitize: the Swift suite under ThreadSanitizer, then AddressSanitizer, each in its own
## scratch folder (.build-tsan, .build-asan) so the normal .build is untouched. Slow: not in CI.
sanitize: sanitize-thread sanitize-address

# A fresh scratch folder is seeded with the resolved checkouts of .build, so no network is needed.
define seed_scratch
	@mkdir -p $(1)
	@if [ ! -d $(1)/checkouts ] && [ -d .build/checkouts ]; then \
	  cp -a .build/checkouts .build/repositories .build/workspace-state.json $(1)/; fi
endef

sanitize-thread: deps
	$(call seed_scratch,.build-tsan)
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan $(SWIFT_FLAGS)
	# One test at a time: under TSan every test runs several times slower, and run in parallel
	# on a small machine the time-limited tests fail for time alone.
	TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 $${TSAN_OPTIONS:-}" \
	  swift test --skip-build --no-parallel --sanitize=thread --scratch-path .build-tsan $(SWIFT_FLAGS)

sanitize-address: deps
	$(call seed_scratch,.build-asan)
	swift build --build-tests --sanitize=address --scratch-path .build-asan $(SWIFT_FLAGS)
	# One test at a time, as for TSan: in parallel on a 2-core machine 117 tests failed on
	# their time limits alone; one at a time the suite passes in about 8 minutes.
	ASAN_OPTIONS="detect_leaks=0 $${ASAN_OPTIONS:-}" \
	  swift test --skip-build --no-parallel --sanitize=address --scratch-path .build-asan $(SWIFT_FLAGS)

## bench: prints benchmark figures (release build).
bench: deps
	swift build $(RELEASE_FLAGS) --product easel
	swift build $(RELEASE_FLAGS) --product easel-bench
	$$(swift build $(RELEASE_FLAGS) --show-bin-path)/easel-bench
	$(PYTHON) bench/studio_bench.py --easel $$(swift build $(RELEASE_FLAGS) --show-bin-path)/easel
	@command -v chafa >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq chafa >/dev/null 2>&1; } || \
	  echo "chafa is not installed (sudo apt-get install chafa): easel show is timed alone"
	$(PYTHON) bench/show_bench.py --easel $$(swift build $(RELEASE_FLAGS) --show-bin-path)/easel

## themes: compiles the shipped themes (themes/*.toml) into the binary after one is edited.
themes:
	./scripts/embed-themes.sh

## resources: compiles the catalog and price table (Sources/EaselCore/Resources/*.json) into the binary.
resources:
	./scripts/embed-json.sh

clean:
	rm -rf .build

## install: a release build of easel, its man pages (generated from the argument parser), shell
## completions (bash, zsh, fish), the shipped themes and the default price table, under PREFIX.
install: deps
	swift build $(RELEASE_FLAGS) --product easel
	swift package generate-manual --multi-page
	$(MAKE) install-files EASEL_BUILT=$$(swift build $(RELEASE_FLAGS) --show-bin-path)/easel \
	  MANUALS=.build/plugins/GenerateManual/outputs/easel

## install-files: installs an already built EASEL_BUILT (and MANUALS, a folder of *.1 pages, if given).
install-files:
	@test -x "$(EASEL_BUILT)" || { echo "EASEL_BUILT must name a built easel binary"; exit 2; }
	install -d "$(PREFIX)/bin" "$(PREFIX)/share/easel/themes" "$(PREFIX)/share/man/man1" \
	  "$(PREFIX)/share/bash-completion/completions" "$(PREFIX)/share/zsh/site-functions" \
	  "$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 "$(EASEL_BUILT)" "$(PREFIX)/bin/easel"
	"$(EASEL_BUILT)" --generate-completion-script bash > "$(PREFIX)/share/bash-completion/completions/easel"
	"$(EASEL_BUILT)" --generate-completion-script zsh > "$(PREFIX)/share/zsh/site-functions/_easel"
	"$(EASEL_BUILT)" --generate-completion-script fish > "$(PREFIX)/share/fish/vendor_completions.d/easel.fish"
	install -m 644 themes/*.toml "$(PREFIX)/share/easel/themes/"
	install -m 644 Sources/EaselCore/Resources/prices.json "$(PREFIX)/share/easel/prices.json"
	@if [ -n "$(MANUALS)" ]; then install -m 644 "$(MANUALS)"/*.1 "$(PREFIX)/share/man/man1/"; fi
	@echo "easel installed in $(PREFIX)/bin (man easel; completions for bash, zsh and fish)"

## uninstall: removes what `make install` put under PREFIX.
uninstall:
	rm -f "$(PREFIX)/bin/easel" "$(PREFIX)/share/man/man1/"easel.1 "$(PREFIX)/share/man/man1/"easel.*.1 \
	  "$(PREFIX)/share/bash-completion/completions/easel" "$(PREFIX)/share/zsh/site-functions/_easel" \
	  "$(PREFIX)/share/fish/vendor_completions.d/easel.fish"
	rm -rf "$(PREFIX)/share/easel"

