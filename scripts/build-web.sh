#!/bin/sh
# build-web.sh: rebuild web/ (the committed front end) from govuk-frontend with sass.
#
# Needs node and npm; run from anywhere. Output, all committed so that the server needs
# no node at run time:
#   web/assets/css/sendap.css          web/src/sendap.scss compiled, compressed, no map
#   web/assets/js/govuk-frontend.min.js copied from govuk-frontend (an ES module)
#   web/assets/images/...               favicon and app icons (no fonts: we do not
#   web/assets/manifest.json            use GDS Transport)
# web/assets/js/init.mjs is our own source and is not touched here.
set -eu

cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund
fi

gf=node_modules/govuk-frontend/dist/govuk
out=web/assets

mkdir -p "$out/css" "$out/js" "$out/images"

npx --no-install sass --pkg-importer=node --style=compressed --no-source-map \
	--quiet-deps web/src/sendap.scss "$out/css/sendap.css.tmp"
mv "$out/css/sendap.css.tmp" "$out/css/sendap.css"

if grep -qi 'transport' "$out/css/sendap.css"; then
	echo "build-web: sendap.css mentions GDS Transport; check web/src/sendap.scss" >&2
	exit 1
fi

cp "$gf/govuk-frontend.min.js" "$out/js/govuk-frontend.min.js"
# Copied byte for byte; its sourceMappingURL names a map we do not ship, which only
# browser developer tools ever ask for.

for f in favicon.ico favicon.svg govuk-icon-180.png govuk-icon-192.png \
	govuk-icon-512.png govuk-icon-mask.svg; do
	cp "$gf/assets/images/$f" "$out/images/$f"
done
cp "$gf/assets/manifest.json" "$out/manifest.json"

echo "build-web: web/assets rebuilt"
