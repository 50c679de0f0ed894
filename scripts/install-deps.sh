#!/usr/bin/env bash
# Installs the Debian packages the build needs, if any is missing (run as root, or with sudo);
# with --test also those the tests need (Chromium, for the JupyterLab test).
set -euo pipefail
packages=(libopenblas-dev libzmq3-dev libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev python3-venv)
[ "${1:-}" = "--test" ] && packages+=(chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
