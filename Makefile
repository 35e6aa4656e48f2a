# Nonrel build and test entry points (GNU make).
#
#   make deps          install missing system packages (apt; root or sudo)
#   make venv          .venv with the SecantusDB test server (pinned)
#   make build         swift build --build-tests
#   make test          build, start a throwaway server, swift test, stop the server
#   make run           start a throwaway server, swift run nonrel-demo, stop it
#   make server-start  start a server in .server/ for manual use (prints its URI)
#   make server-stop   stop that server
#   make docker-test   swift test against a mongod 8 replica set in Docker
#   make bench         driver benchmarks, Nonrel vs C libmongoc (Benchmarks/README.md)
#   make bench-instructions  instructions per operation under callgrind (BENCH_TASKS='...')
#   make clean         stop leftover servers, remove .build and .server
#   make distclean     clean, and remove .venv
#
# Environment:
#   NONREL_TEST_MONGO_URI   make test: use this server instead of starting one
#   NONREL_MONGO_URI        make run, make bench: use this server instead of starting one
#   BENCH_DATA              make bench: directory holding driver-benchmark/ (default ../shared/specs)
#   BENCH_FLAGS             make bench: extra flags for both benchmark programs, e.g.
#                           make bench BENCH_FLAGS='--iterations 3 --tasks find_many'
#   BENCH_GROUPS            make bench: task groups to run (default: bson driver odm indexer)
#   NONREL_REQUIRE_SERVER   passed through to the tests (1: fail, not skip, without a server)
#   NONREL_TEST_SERVER_BIN  exported to the tests (default: absolute .venv/bin/secantusd-py)
#   SWIFT_BUILD_FLAGS, SWIFT_TEST_FLAGS, SWIFT_RUN_FLAGS   extra swift flags,
#                           e.g. make test SWIFT_TEST_FLAGS='--filter Cursor'

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=
SWIFT_TEST_FLAGS ?=
SWIFT_RUN_FLAGS ?=
DOCKER_COMPOSE ?= docker compose

# Debian's python, not whatever python3 comes first on PATH (pyenv and the like);
# python3 on PATH only where this does not exist.
SYSTEM_PYTHON ?= /usr/bin/python3

SECANTUS_VERSION := 0.7.0b3
SECANTUS_PIN := secantusdb==$(SECANTUS_VERSION)
VENV := .venv
# The stamp name carries the version: changing the pin reinstalls.
VENV_STAMP := $(VENV)/.nonrel-secantusdb-$(SECANTUS_VERSION)
SERVER_DIR := .server

NONREL_TEST_SERVER_BIN ?= $(CURDIR)/$(VENV)/bin/secantusd-py
export NONREL_TEST_SERVER_BIN

# Host port for docker/compose.yml's mongod (compose reads it from the environment).
NONREL_DOCKER_MONGO_PORT ?= 27017
export NONREL_DOCKER_MONGO_PORT
DOCKER_MONGO_URI := mongodb://127.0.0.1:$(NONREL_DOCKER_MONGO_PORT)/?replicaSet=rs0&directConnection=true&serverSelectionTimeoutMS=10000

TEST_SERVER := scripts/test-server.sh

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: deps venv build test run server-start server-stop docker-test clean distclean bench bench-instructions

deps:
	@scripts/deps.sh

venv: $(VENV_STAMP)
	@echo "venv: $(SECANTUS_PIN) ready in $(VENV)"

$(VENV_STAMP): | deps
	@py='$(SYSTEM_PYTHON)'; \
	if [ ! -x "$$py" ]; then py="$$(command -v python3)" || { echo "venv: no python3 found (make deps)"; exit 1; }; fi; \
	if [ -e $(VENV) ] && ! $(VENV)/bin/python -c '' >/dev/null 2>&1; then \
	  echo "venv: removing broken $(VENV)"; rm -rf $(VENV); \
	fi; \
	echo "venv: creating $(VENV) with $$py"; \
	"$$py" -m venv $(VENV); \
	echo "venv: pip install $(SECANTUS_PIN)"; \
	log="$$(mktemp)"; \
	if ! $(VENV)/bin/python -m pip install -q '$(SECANTUS_PIN)' >"$$log" 2>&1; then \
	  tail -n 30 "$$log"; rm -f "$$log"; echo "venv: pip install failed"; exit 1; \
	fi; \
	rm -f "$$log"; \
	test -x $(VENV)/bin/secantusd-py || { echo "venv: $(VENV)/bin/secantusd-py missing after install"; exit 1; }; \
	rm -f $(VENV)/.nonrel-*; \
	touch $@

build: deps
	@echo "build: swift build --build-tests"
	@$(SWIFT) build --build-tests $(SWIFT_BUILD_FLAGS)

test: build venv
	@$(TEST_SERVER) with NONREL_TEST_MONGO_URI --test-commands -- \
	  $(SWIFT) test $(SWIFT_TEST_FLAGS)

run: deps venv
	@echo "run: swift build --product nonrel-demo"
	@$(SWIFT) build --product nonrel-demo $(SWIFT_BUILD_FLAGS)
	@$(TEST_SERVER) with NONREL_MONGO_URI -- \
	  $(SWIFT) run $(SWIFT_RUN_FLAGS) nonrel-demo

server-start: venv
	@$(TEST_SERVER) start $(SERVER_DIR) --test-commands
	@echo "server-start: export NONREL_TEST_MONGO_URI='$$(cat $(SERVER_DIR)/uri)'"

server-stop:
	@$(TEST_SERVER) stop $(SERVER_DIR)

# The compose project is taken down again whatever happens (failed start, failed
# tests, Ctrl-C).
docker-test: build venv
	@trap 'echo "docker-test: docker compose down"; $(DOCKER_COMPOSE) -f docker/compose.yml down -v --remove-orphans' EXIT; \
	  echo "docker-test: docker compose up (mongod replica set rs0 on 127.0.0.1:$(NONREL_DOCKER_MONGO_PORT))"; \
	  $(DOCKER_COMPOSE) -f docker/compose.yml up -d --wait; \
	  NONREL_TEST_MONGO_URI='$(DOCKER_MONGO_URI)' $(TEST_SERVER) with NONREL_TEST_MONGO_URI -- \
	    $(SWIFT) test $(SWIFT_TEST_FLAGS)

clean:
	@if [ -d $(SERVER_DIR) ]; then \
	  for d in $(SERVER_DIR) $(SERVER_DIR)/*/; do \
	    if [ -f "$$d/pid" ]; then $(TEST_SERVER) stop "$$d"; fi; \
	  done; \
	fi
	@echo "clean: removing .build $(SERVER_DIR)"
	@rm -rf .build $(SERVER_DIR)

distclean: clean
	@echo "distclean: removing $(VENV)"
	@rm -rf $(VENV)

# Driver benchmarks: the C floor (libmongoc/libbson) and nonrel-bench (release), each against a
# fresh local server (or NONREL_MONGO_URI); the Swift run prints the table with ratios to C and
# writes bench-results/latest.jsonl.
BENCH_DATA ?= $(abspath $(CURDIR)/../shared/specs)
BENCH_FLAGS ?=
# Task groups, each against a fresh server: BSON, driver, ODM (ORM) tasks, indexer rows.
BENCH_GROUPS ?= bson driver odm indexer
BENCH_RESULTS := bench-results
BENCH_C_BIN := Benchmarks/.build/c/nonrel-c-bench

bench: deps venv
	@test -d '$(BENCH_DATA)/driver-benchmark' || { \
	  echo "bench: benchmark data not found: $(BENCH_DATA)/driver-benchmark does not exist;"; \
	  echo "bench: set BENCH_DATA to the directory holding driver-benchmark/ (MongoDB's specifications checkout)"; exit 1; }
	@mkdir -p $(BENCH_RESULTS) $(dir $(BENCH_C_BIN))
	@echo "bench: cc -O2 Benchmarks/c/nonrel_c_bench.c"
	@cc -O2 -Wall -Wextra -o $(BENCH_C_BIN) Benchmarks/c/nonrel_c_bench.c $$(pkg-config --cflags --libs libmongoc-1.0)
	@echo "bench: swift build -c release --package-path Benchmarks"
	@$(SWIFT) build -c release --package-path Benchmarks $(SWIFT_BUILD_FLAGS)
	@rm -f $(BENCH_RESULTS)/c-latest.jsonl $(BENCH_RESULTS)/latest-*.jsonl
	@for group in $(BENCH_GROUPS); do \
	  echo "bench: C floor, $$group tasks (libmongoc $$(pkg-config --modversion libmongoc-1.0))"; \
	  $(TEST_SERVER) with NONREL_MONGO_URI -- \
	    $(BENCH_C_BIN) --group $$group --data '$(BENCH_DATA)' --out $(BENCH_RESULTS)/c-latest.jsonl $(BENCH_FLAGS); \
	done
	@for group in $(BENCH_GROUPS); do \
	  echo "bench: Nonrel, $$group tasks"; \
	  $(TEST_SERVER) with NONREL_MONGO_URI -- \
	    "$$($(SWIFT) build -c release --package-path Benchmarks --show-bin-path)/nonrel-bench" --group $$group --data '$(BENCH_DATA)' \
	      --baseline $(BENCH_RESULTS)/c-latest.jsonl --out $(BENCH_RESULTS)/latest-$$group.jsonl $(BENCH_FLAGS); \
	done
	@cat $(foreach group,$(BENCH_GROUPS),$(BENCH_RESULTS)/latest-$(group).jsonl) > $(BENCH_RESULTS)/latest.jsonl
	@echo "bench: results in $(BENCH_RESULTS)/latest.jsonl"

# Instructions per operation under callgrind, Nonrel and C (repeatable, unlike CPU time):
#   make bench-instructions BENCH_TASKS='small_insert_one odm_nested_create'   (run make bench once first)
BENCH_TASKS ?= small_insert_one find_one_by_id empty_cursor
bench-instructions: deps venv
	@$(TEST_SERVER) with NONREL_MONGO_URI -- env BENCH_DATA='$(BENCH_DATA)' Benchmarks/scripts/instructions.sh $(BENCH_TASKS)
