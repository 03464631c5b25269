#!/usr/bin/env bash
# Install what the browser and PostgreSQL tests need, from Debian's packages, only when missing.
# Where that is impossible (not root, no apt-get) it says why and lets the tests decide:
# they skip with the reason, or fail under CI=true.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
    echo "test system deps: chromium and PostgreSQL present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "test system deps: not root, cannot install ${missing[*]}; those tests will be skipped (failed under CI=true)"
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "test system deps: no apt-get, cannot install ${missing[*]}; those tests will be skipped (failed under CI=true)"
    exit 0
fi

echo "test system deps: installing ${missing[*]} from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
# A failed install must not hide the lint and the other layers: the tests that need these
# packages report the reason themselves.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "test system deps: apt-get could not install ${missing[*]}; those tests will be skipped (failed under CI=true)"
fi
