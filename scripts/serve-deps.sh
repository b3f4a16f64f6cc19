#!/usr/bin/env bash
# deploy/serve.py puts Debian's nginx in front of one Streamlit process per core. It only
# needs the nginx binary: serve.py writes its own config and runs it as the current user,
# so the system service Debian installs is not used (and not started here).
set -euo pipefail
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "serving a class needs nginx (apt-get install nginx); run as root or install it" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "installing nginx from Debian's packages"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
# Debian starts a system nginx on port 80 after installing it; serve.py never uses it.
if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
fi
