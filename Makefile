# Thin front door: the real build is CMake (see CMakePresets.json).
# What `make build` and `make demo` build.
PRESET      ?= release
# What `make test` builds and runs: every test under AddressSanitizer + UBSan.
TEST_PRESET ?= asan-ubsan
JOBS        ?= 2
BIN         := build/$(PRESET)/bin
# The tests whose point is concurrency, for the ThreadSanitizer pass (`make tsan`).
TSAN_TESTS  ?= Hub|Restart|Regression|RunManager|RunTurn|LocalAgent|RunTest|EventLog|Process|TaskStore|TaskRunner|EventQueue|Server|Client|Lifecycle|Misbehaving|Codex|Claude|Admission

.PHONY: all deps build test tsan demo clean format

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j$(JOBS)

test: deps
	@cmake --preset $(TEST_PRESET) >/dev/null
	@cmake --build --preset $(TEST_PRESET) -j$(JOBS)
	@scripts/run-tests.sh $(TEST_PRESET)

tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j$(JOBS)
	@scripts/run-tests.sh tsan -L 'unit|integration' -R '$(TSAN_TESTS)'

demo: build
	@scripts/demo.sh $(BIN) $(if $(REAL),--real)

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf build
