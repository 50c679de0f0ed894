#!/usr/bin/env bash
# Renders the sample chart page and screenshots it with headless Chromium, to check by eye that
# the charts look right in a report. Output: chart-gallery.html and chart-gallery.png (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
swift run -c release chart-gallery chart-gallery.html
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,2700 \
  --screenshot="$PWD/chart-gallery.png" "file://$PWD/chart-gallery.html" 2>/dev/null
echo "wrote chart-gallery.png"
