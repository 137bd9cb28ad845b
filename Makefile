# qcode: one plain Makefile. Libraries come from Debian's -dev packages and
# are found with pkg-config; libhpdf and libstemmer ship no .pc file.

PREFIX ?= /usr/local
CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = sqlite3 libpcre2-8 libxml-2.0 libzip yaml-0.1 libedit fontconfig libutf8proc libcrypto \
	xlsxwriter
HPDF_LIBS ?= -lhpdf
STEMMER_LIBS ?= -lstemmer

# Asked when this Makefile is read: targets that may install packages first
# (demo, test, asan, bench) build in a sub-make, which reads it again after
# `make deps`, so a fresh machine builds on the first run.
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

# The scripts these targets run; tests/cli/make-fresh replaces them to check
# the order of install and build without installing or running anything.
DEPS_SCRIPT ?= .ci/deps
DEMO_SCRIPT ?= examples/demo.sh
TEST_SCRIPT ?= tests/run.sh
BENCH_SCRIPT ?= tests/bench/run.sh

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
OPT ?= -O2 -g
CFLAGS ?= $(OPT)
ifeq ($(WERROR),1)
WARN += -Werror
endif
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Iinclude \
	$(WARN) $(PKG_CFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
LIBS = $(PKG_LIBS) $(HPDF_LIBS) $(STEMMER_LIBS) -lm -lpthread

# BUILD is the object folder: build/ normally, build/asan for `make asan`.
BUILD ?= build
SRCS := $(wildcard src/*.c)
OBJS := $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRCS := $(wildcard tests/bench/*.c)
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=$(BUILD)/bench/%)

.PHONY: all deps test check asan demo bench fuzz install uninstall clean units benches

all: qcode

qcode: $(BUILD)/qcode
	@if [ "$(BUILD)" = build ]; then cp $(BUILD)/qcode qcode; fi

$(BUILD)/qcode: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: src/%.c $(wildcard include/qcode/*.h) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIBOBJS) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIBOBJS) $(LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(LIBOBJS) | $(BUILD)
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) -O2 -o $@ $< $(LIBOBJS) $(LIBS)

$(BUILD):
	@mkdir -p $(BUILD)

units: $(BUILD)/qcode $(UNIT_BINS)

benches: all $(BENCH_BINS)

deps:
	@sh $(DEPS_SCRIPT)

test: deps
	@$(MAKE) --no-print-directory WERROR=1 units
	@sh $(TEST_SCRIPT) $(BUILD)

check: test

asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan WERROR=1 \
		OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" units
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		sh $(TEST_SCRIPT) build/asan

demo: deps
	@$(MAKE) --no-print-directory all
	@sh $(DEMO_SCRIPT) $(BUILD)/qcode

bench: deps
	@$(MAKE) --no-print-directory benches
	@sh $(BENCH_SCRIPT) $(BUILD)

fuzz:
	@sh tests/fuzz/run.sh

# The manual page and completion scripts are written by qcode from its
# command table, so they cannot drift from what it accepts.
DOCS = $(BUILD)/qcode.1 $(BUILD)/qcode.bash $(BUILD)/_qcode
$(BUILD)/qcode.1: $(BUILD)/qcode
	$(BUILD)/qcode help --man >$@
$(BUILD)/qcode.bash: $(BUILD)/qcode
	$(BUILD)/qcode completion bash >$@
$(BUILD)/_qcode: $(BUILD)/qcode
	$(BUILD)/qcode completion zsh >$@

install: all $(DOCS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/qcode/codebooks \
		$(DESTDIR)$(PREFIX)/share/qcode/reports \
		$(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 0755 qcode $(DESTDIR)$(PREFIX)/bin/qcode
	install -m 0644 $(BUILD)/qcode.1 $(DESTDIR)$(PREFIX)/share/man/man1/qcode.1
	install -m 0644 $(BUILD)/qcode.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/qcode
	install -m 0644 $(BUILD)/_qcode $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_qcode
	cp -R codebooks/. $(DESTDIR)$(PREFIX)/share/qcode/codebooks/
	for f in reports/*.yaml; do [ -f "$$f" ] || continue; \
		install -m 0644 "$$f" $(DESTDIR)$(PREFIX)/share/qcode/reports/; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/qcode $(DESTDIR)$(PREFIX)/share/man/man1/qcode.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/qcode \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_qcode
	rm -rf $(DESTDIR)$(PREFIX)/share/qcode

clean:
	rm -rf build qcode reports/out
