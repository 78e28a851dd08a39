# Thin front door: the real build is CMake (see CMakePresets.json).
PRESET ?= release
JOBS   ?= 2
BIN    := build/$(PRESET)/bin

.PHONY: all deps build test demo clean format

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j$(JOBS)

test: build
	@scripts/run-tests.sh $(PRESET)

demo: build
	@scripts/demo.sh $(BIN) $(if $(REAL),--real)

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf build
