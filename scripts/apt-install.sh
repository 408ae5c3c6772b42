#!/usr/bin/env bash
# Installs Debian packages with apt-get, as root or through sudo; fails when neither is possible.
# Usage: scripts/apt-install.sh PACKAGE...
set -euo pipefail
if [ "$(id -u)" = "0" ]; then
  apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null
else
  echo "Cannot install $* (not root, no sudo)." >&2
  exit 1
fi
