# Thin wrapper over meson: every target first installs what is missing.

BUILDDIR ?= build
MESON_ARGS ?=

.PHONY: all deps build run test bench screenshots clean

all: build

deps:
	@./build-aux/install-deps.sh

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_ARGS)

build: deps $(BUILDDIR)/build.ninja
	ninja -C $(BUILDDIR)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data $(BUILDDIR)/src/ui/patchbay --demo

test: build
	./build-aux/run-tests.sh $(BUILDDIR)

bench: build
	./build-aux/run-bench.sh $(BUILDDIR)

screenshots: build
	./build-aux/take-screenshots.sh $(BUILDDIR)

clean:
	rm -rf $(BUILDDIR)
