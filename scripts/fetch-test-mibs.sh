#!/usr/bin/env bash
# Fetches the standard MIB texts (SNMPv2-SMI, SNMPv2-TC, SNMPv2-CONF, SNMPv2-MIB,
# IF-MIB, IANAifType-MIB, RFC1213-MIB, ...) that Debian does not ship, from the npm
# registry's net-snmp package (its lib/mibs/), into a cache directory, and prints that
# directory. Nothing fetched here is committed.
#
#   scripts/fetch-test-mibs.sh [CACHE_DIR]     default: ${TMPDIR:-/tmp}/snmpio-test-mibs
#
# Exit status 1, with the reason on stderr, when npm is missing or the registry cannot
# be reached: the MIB interop tests must then fail, not skip.
set -u
cache=${1:-${TMPDIR:-/tmp}/snmpio-test-mibs}
dir="$cache/npm-net-snmp"
if ls "$dir"/SNMPv2-SMI.mib >/dev/null 2>&1 && ls "$dir"/IF-MIB.mib >/dev/null 2>&1; then
  echo "$dir"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-test-mibs: npm is not installed; it is needed to fetch the standard MIB texts (npm pack net-snmp)" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/snmpio-npm.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && timeout 120 npm pack net-snmp --silent >pack.log 2>&1); then
  echo "fetch-test-mibs: 'npm pack net-snmp' failed (is the npm registry reachable?):" >&2
  tail -n 5 "$work/pack.log" >&2
  exit 1
fi
tarball=$(ls "$work"/net-snmp-*.tgz 2>/dev/null | head -n 1)
if [ -z "$tarball" ] || ! tar -xzf "$tarball" -C "$work" package/lib/mibs; then
  echo "fetch-test-mibs: the net-snmp package has no lib/mibs/" >&2
  exit 1
fi
mkdir -p "$cache"
rm -rf "$dir.tmp.$$"
mv "$work/package/lib/mibs" "$dir.tmp.$$"
rm -rf "$dir"
mv "$dir.tmp.$$" "$dir"
echo "$dir"
