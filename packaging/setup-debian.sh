#!/bin/sh
# Set up a fresh Debian 12 / Ubuntu 24.04 machine for eCabinet, in .venv/.
#
#   packaging/setup-debian.sh          # to run the app and the demo
#   packaging/setup-debian.sh --dev    # also what the test suite needs (PostgreSQL, tools)
#
# Safe to run again: it installs only what is missing.
set -eu
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# Qt's offscreen and xcb platforms (docs/platform-facts.md lists why each is here).
PACKAGES="python3 python3-venv python3-pip ca-certificates
  libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0
  libdbus-1-3 libbrotli1
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render0
  libxcb-render-util0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
  libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-xinerama0"
if [ "$DEV" = 1 ]; then
  # softhsm2 + opensc: a software PKCS#11 token for the signing tests (tests/test_signing.py).
  PACKAGES="$PACKAGES xvfb xauth poppler-utils qpdf curl postgresql-client softhsm2 opensc"
fi

missing=""
for package in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "Installing system packages:$missing"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if [ "$DEV" = 1 ] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  # The server tests run against a real PostgreSQL on 127.0.0.1:5432.
  if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "install ok installed"; then
    echo "Installing PostgreSQL for the server tests"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  # The tests log in as postgres/postgres over TCP (trust or password both work).
  if [ -z "$SUDO" ]; then as_postgres="runuser -u postgres --"; else as_postgres="sudo -u postgres"; fi
  $as_postgres psql -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "$DEV" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
else
  .venv/bin/python -m pip install -q -e .
fi
echo "eCabinet is installed in .venv ($(.venv/bin/python --version))."
