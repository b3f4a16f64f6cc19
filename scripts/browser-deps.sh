#!/usr/bin/env bash
# The browser test drives Debian's chromium through the playwright package; it never
# downloads a browser. Chinese pages need a CJK font for honest screenshots.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# the same Chromium without a browser window: the tests' pages load in about 60% of the CPU
[ -x /usr/bin/chromium-headless-shell ] || need+=(chromium-headless-shell)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "browser tests need: ${need[*]} (apt-get install ${need[*]}); run as root or install them" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "installing ${need[*]} from Debian's packages"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
