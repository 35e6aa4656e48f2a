#!/usr/bin/env bash
# Install the system packages Nonrel needs, but only those that are missing.
# A provisioned machine does no apt work at all (one dpkg-query per package).
#
#   scripts/deps.sh [EXTRA_PACKAGE...]   (checks DEFAULT_PACKAGES plus these)
#
# Runs apt-get as root, through sudo when not root, or else prints the command
# to run and fails.
set -euo pipefail

DEFAULT_PACKAGES=(libmongoc-dev libbson-dev pkg-config python3 python3-venv)

say() { printf '%s\n' "deps: $*"; }

packages=("${DEFAULT_PACKAGES[@]}" "$@")

dpkg_installed() {
    local status
    status="$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" || return 1
    [[ "$status" == installed ]]
}

# Used only where there is no dpkg (not Debian): is the thing there anyway?
provided_otherwise() {
    case "$1" in
    libmongoc-dev) pkg-config --exists libmongoc-1.0 2>/dev/null ;;
    libbson-dev) pkg-config --exists libbson-1.0 2>/dev/null ;;
    pkg-config) command -v pkg-config >/dev/null 2>&1 ;;
    python3) command -v python3 >/dev/null 2>&1 ;;
    python3-venv) python3 -c 'import ensurepip, venv' >/dev/null 2>&1 ;;
    make) command -v make >/dev/null 2>&1 ;;
    *) return 1 ;;
    esac
}

have_dpkg=0
command -v dpkg-query >/dev/null 2>&1 && have_dpkg=1

missing=()
for pkg in "${packages[@]}"; do
    if ((have_dpkg)); then
        dpkg_installed "$pkg" || missing+=("$pkg")
    else
        provided_otherwise "$pkg" || missing+=("$pkg")
    fi
done

if ((${#missing[@]} == 0)); then
    say "system packages present (${packages[*]})"
    exit 0
fi

install_cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"

if ! command -v apt-get >/dev/null 2>&1; then
    say "missing: ${missing[*]}"
    say "no apt-get here: install the equivalents of these Debian packages, then rerun"
    exit 1
fi

sudo=()
if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        say "missing: ${missing[*]}"
        say "not root and no sudo; as root run:  $install_cmd"
        exit 1
    fi
fi

log="$(mktemp "${TMPDIR:-/tmp}/nonrel-apt.XXXXXX")"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive

run_apt() {
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@" </dev/null >"$log" 2>&1; then
        say "apt-get $1 failed:"
        tail -n 30 "$log" | sed 's/^/    /'
        exit 1
    fi
}

say "apt-get update (missing: ${missing[*]})"
run_apt update -q
say "apt-get install ${missing[*]}"
run_apt install -y -q --no-install-recommends "${missing[@]}"
say "installed ${missing[*]}"
