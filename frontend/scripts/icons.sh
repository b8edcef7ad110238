#!/usr/bin/env bash
# Renders the app icons (PNG) from public/icons/icon.svg with librsvg's rsvg-convert, or ImageMagick's convert
# (Debian: apt-get install librsvg2-bin, or imagemagick). Run after changing the SVG and commit the PNGs; the web
# build only copies them:   scripts/icons.sh
set -euo pipefail
cd "$(dirname "$0")/../public/icons"
render() {
  if command -v rsvg-convert >/dev/null 2>&1; then rsvg-convert -w "$1" -h "$1" icon.svg -o "$2"
  else /usr/bin/convert -background none -density 384 icon.svg -resize "$1x$1" -strip "PNG32:$2"; fi
}
render 192 icon-192.png
render 512 icon-512.png
render 180 apple-touch-icon.png
ls -l ./*.png
