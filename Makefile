# sendap: see README.md. Plain make, pkg-config, two builds: release (bin/sendap) and an
# AddressSanitizer + UndefinedBehaviorSanitizer build that every test runs against.

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium libpq libxml-2.0
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wcast-qual -Wpointer-arith -fno-common
CPPFLAGS := -Isrc -Ibuild/gen -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS  := -std=c11 -O2 -g $(WARN) -fstack-protector-strong -D_FORTIFY_SOURCE=2
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ACFLAGS := -std=c11 -O1 -g $(WARN) $(SANFLAGS)
# libcsv has no pkg-config file
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm
TESTLIBS := $(shell pkg-config --libs cmocka libcurl 2>/dev/null)

SRC      := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC  := $(filter-out src/main.c,$(SRC))
GEN_SRC  := build/gen/migrations.c
SQL      := $(sort $(wildcard sql/*.sql))

REL_OBJ  := $(patsubst %.c,build/rel/%.o,$(SRC) $(GEN_SRC))
ASAN_LIB := $(patsubst %.c,build/asan/%.o,$(LIB_SRC) $(GEN_SRC))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRC))
HTTP_BIN := $(patsubst tests/http/%.c,build/asan/tests/%,$(sort $(wildcard tests/http/http_*.c)))

.PHONY: all run test lint format deps web clean bench asan
all: bin/sendap

bin/sendap: $(REL_OBJ)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/asan/sendap: $(patsubst %.c,build/asan/%.o,src/main.c) $(ASAN_LIB)
	@echo "  LD asan $@"
	@$(CC) $(ACFLAGS) -o $@ $^ $(LDLIBS)

build/gen/migrations.c: scripts/embed-sql.sh $(SQL)
	@mkdir -p $(@D)
	sh scripts/embed-sql.sh $(SQL) > $@.tmp && mv $@.tmp $@

build/rel/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC asan $<"
	@$(CC) $(CPPFLAGS) $(ACFLAGS) -MMD -MP -c -o $@ $<

build/asan/tests/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(ASAN_LIB)
	@mkdir -p $(@D)
	@echo "  LD asan $@"
	@$(CC) $(CPPFLAGS) $(ACFLAGS) -o $@ $(filter %.c %.o,$^) $(LDLIBS) $(TESTLIBS)

build/asan/tests/http_%: tests/http/http_%.c tests/http/harness.c $(wildcard tests/http/*.h) $(ASAN_LIB)
	@mkdir -p $(@D)
	@echo "  LD asan $@"
	@$(CC) $(CPPFLAGS) -Itests/http $(ACFLAGS) -o $@ $(filter %.c %.o,$^) $(LDLIBS) $(TESTLIBS)

asan: build/asan/sendap $(UNIT_BIN) $(HTTP_BIN)

# make run: install what is missing, build, migrate ./var/sendap.db, fill it with the demo
# data if it has no children yet (printing the demo sign-ins either way), serve on 127.0.0.1:8080
run:
	sh scripts/install-deps.sh run
	$(MAKE) bin/sendap
	@mkdir -p var
	./bin/sendap migrate --db var/sendap.db
	./bin/sendap demo --db var/sendap.db --if-empty
	./bin/sendap serve --db var/sendap.db --port 8080

# make test: the whole suite, the one .ci/run runs
test:
	sh scripts/install-deps.sh test
	$(MAKE) bin/sendap asan
	sh scripts/test.sh

lint:
	sh scripts/lint.sh

format:
	clang-format -i $(SRC) $(wildcard src/*/*.h) $(wildcard tests/*/*.c tests/*/*.h bench/*.c)

# rebuild web/ from govuk-frontend with sass (needs node; the output is committed)
web:
	sh scripts/build-web.sh

bench: bin/sendap
	sh bench/http.sh

clean:
	rm -rf build bin

-include $(shell find build -name '*.d' 2>/dev/null)
