#!/usr/bin/env bash
# Installs, with apt-get, whatever snmpio's build, tests, fuzzers and benchmarks need
# and this machine lacks. Quiet when everything is present. `make demo` and
# `make test` run it first, so a fresh Debian 12 machine needs nothing else.
#
#   scripts/deps.sh            install what is missing
#   scripts/deps.sh --check    only report; exit 1 if something is missing
set -u

packages=(
  g++ make pkg-config
  libssl-dev libsodium-dev libspdlog-dev
  googletest libgtest-dev libbenchmark-dev
  clang libclang-rt-14-dev          # libFuzzer and the sanitizer runtimes
  groff-base man-db                  # make check-man, the man page open test
  snmpd snmp snmptrapd libsnmp-dev   # interop peers and the Net-SNMP bench peer
  python3 python3-pysnmp4            # the PySNMP agent: 3DES, which Net-SNMP lacks
  libsmi2-dev                        # MIB text loading (lib/mib)
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "${1:-}" = "--check" ]; then
  echo "deps.sh: missing: ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps.sh: error: these packages are missing and this machine has no apt-get: ${missing[*]}" >&2
  echo "deps.sh: install their equivalents with your package manager, then run make again." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "deps.sh: error: these packages are missing: ${missing[*]}" >&2
  echo "deps.sh: installing them needs root. Run:" >&2
  echo "    sudo apt-get update && sudo $cmd" >&2
  exit 1
fi

echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have empty package lists; update once if the install fails.
if ! $cmd >/tmp/snmpio-deps.log 2>&1; then
  apt-get update >>/tmp/snmpio-deps.log 2>&1
  if ! $cmd >>/tmp/snmpio-deps.log 2>&1; then
    tail -n 20 /tmp/snmpio-deps.log >&2
    echo "deps.sh: error: apt-get could not install: ${missing[*]} (log: /tmp/snmpio-deps.log)" >&2
    exit 1
  fi
fi
# Debian starts snmpd and snmptrapd as system services on install. snmpio's tests start
# their own on free ports; stop the system ones so they hold no well-known port.
for svc in snmpd snmptrapd; do
  if printf '%s\n' "${missing[@]}" | grep -qx "$svc"; then
    (command -v service >/dev/null && service "$svc" stop) >/dev/null 2>&1 || true
  fi
done
echo "deps.sh: installed ${missing[*]}"
