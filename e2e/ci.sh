#!/usr/bin/env bash
# The end-to-end part of CI, for .ci/run (after the root `npm ci`, lint and unit tests):
# installs Debian's redis-server and chromium if missing, the pinned n8n (npm install --prefix e2e,
# which keeps to e2e/package-lock.json; `npm ci` refuses that lockfile here, see e2e/lib/paths.ts),
# then runs the e2e suite, the queue-mode test and the editor screenshot. Every part runs even
# if an earlier one failed; the last line adds up their results as "N passed, M failed".
# E2E_SKIP_INSTALL=1 reuses an existing e2e/node_modules.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
status=0
passed=0
failed=0

seconds_since() { echo $(( $(date +%s) - $1 )); }

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
	start=$(date +%s)
	echo "[e2e] apt-get install ${missing[*]}"
	if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
		echo "[e2e] apt-get install failed"; exit 1
	fi
	echo "[e2e] apt-get install: $(seconds_since "$start")s"
fi

if [ "${E2E_SKIP_INSTALL:-}" != 1 ] || [ ! -x e2e/node_modules/n8n/bin/n8n ]; then
	start=$(date +%s)
	echo "[e2e] npm install --prefix e2e (n8n $(node -p 'require("./e2e/package.json").dependencies.n8n'), a few minutes)"
	npm install --prefix e2e --ignore-scripts=false --no-audit --no-fund --loglevel=error || { echo "[e2e] npm install --prefix e2e failed"; exit 1; }
	git diff --quiet -- e2e/package-lock.json 2>/dev/null || echo "[e2e] warning: npm changed e2e/package-lock.json"
	echo "[e2e] npm install --prefix e2e: $(seconds_since "$start")s"
fi

for script in test:e2e test:e2e:queue test:e2e:screenshot; do
	start=$(date +%s)
	log="$logs/${script//:/_}.log"
	npm run --silent "$script" 2>&1 | tee "$log"
	code=${PIPESTATUS[0]}
	echo "[e2e] npm run $script: exit $code, $(seconds_since "$start")s"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	if [ -n "$line" ]; then
		passed=$(( passed + $(echo "$line" | cut -d' ' -f1) ))
		failed=$(( failed + $(echo "$line" | cut -d' ' -f3) ))
	elif [ "$code" -ne 0 ]; then
		failed=$(( failed + 1 ))
	fi
	[ "$code" -eq 0 ] || status=1
done
rm -rf "$logs"
echo
echo "$passed passed, $failed failed"
exit $status
