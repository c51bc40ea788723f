#!/usr/bin/env bash
# The end-to-end part of CI, for .ci/run and .github/workflows/ci.yml (after the root `npm ci`,
# lint and unit tests). Two n8n lines (E2E_LINES, default "pinned latest"):
#   pinned: n8n 2.8.4 on this Node (20): the e2e suite once per package with that package's tarball
#           installed alone (test:e2e:sailpoint, test:e2e:venafi: what a user who installs one of
#           them gets), Flow tickets and queue mode (Venafi alone), the event trigger in queue mode
#           (webhooks on main, executions on a worker; SailPoint alone), and with both installed the
#           pickers, AI tools over MCP and the person-in-the-loop examples (test:e2e:agents),
#           saved credentials edited and tested through n8n's REST API, and the editor screenshot;
#   latest: the newest n8n 2.x that installs here, on Node 24 from the npm registry
#           (e2e/latest/install.sh): the e2e suite with both packages, the AI tools / person-in-the-loop
#           cases, the event trigger and the credential edits
#           (`npm run test:e2e:latest`, `npm run test:e2e:agents:latest`).
# Installs Debian's redis-server and chromium if missing (pinned only), then both n8n installs
# at the same time (each is mostly waiting on the network and on unpacking; about 2.3 GB each):
# `npm install --prefix e2e` keeps to e2e/package-lock.json (`npm ci` refuses that lockfile
# here, see test/n8n/paths.ts). Every part runs even if an earlier one failed; the last line adds
# up their results as "N passed, M failed". E2E_SKIP_INSTALL=1 reuses existing installs;
# E2E_INSTALL_ONLY=1 installs and stops.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
status=0
passed=0
failed=0
lines=" ${E2E_LINES:-pinned latest} "
wants() { [[ "$lines" == *" $1 "* ]]; }

seconds_since() { echo $(( $(date +%s) - $1 )); }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if wants pinned; then
	missing=()
	command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
	[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
	if [ ${#missing[@]} -gt 0 ]; then
		start=$(date +%s)
		echo "[e2e] apt-get install ${missing[*]}"
		if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
			echo "[e2e] apt-get install failed"; exit 1
		fi
		echo "[e2e] apt-get install: $(seconds_since "$start")s"
	fi
fi

# Both installs at once; each one's output goes to its own log, shown when it ends.
install_pids=()
install_names=()
if wants pinned && { [ "${E2E_SKIP_INSTALL:-}" != 1 ] || [ ! -x e2e/node_modules/n8n/bin/n8n ]; }; then
	echo "[e2e] npm install --prefix e2e (n8n $(node -p 'require("./e2e/package.json").dependencies.n8n')), in the background"
	(
		start=$(date +%s)
		npm install --prefix e2e --ignore-scripts=false --no-audit --no-fund --loglevel=error
		code=$?
		git diff --quiet -- e2e/package-lock.json 2>/dev/null || echo "[e2e] warning: npm changed e2e/package-lock.json"
		echo "[e2e] npm install --prefix e2e: exit $code, $(seconds_since "$start")s"
		exit $code
	) >"$logs/install_pinned.log" 2>&1 &
	install_pids+=($!)
	install_names+=(pinned)
fi
if wants latest && { [ "${E2E_SKIP_INSTALL:-}" != 1 ] || [ ! -x e2e/latest/node_modules/n8n/bin/n8n ]; }; then
	echo "[e2e] e2e/latest/install.sh (n8n $(node -p 'require("./e2e/latest/package.json").dependencies.n8n') + Node 24), in the background"
	(
		start=$(date +%s)
		bash e2e/latest/install.sh
		code=$?
		echo "[e2e] e2e/latest/install.sh: exit $code, $(seconds_since "$start")s"
		exit $code
	) >"$logs/install_latest.log" 2>&1 &
	install_pids+=($!)
	install_names+=(latest)
fi
install_failed=" "
for i in "${!install_pids[@]}"; do
	wait "${install_pids[$i]}"
	code=$?
	grep -v 'Unknown user config\|EBADENGINE' "$logs/install_${install_names[$i]}.log" | tail -15
	if [ "$code" -ne 0 ]; then
		install_failed+="${install_names[$i]} "
		failed=$(( failed + 1 ))
		status=1
	fi
done

# .ci/run starts the installs early (E2E_INSTALL_ONLY=1, beside the unit tests) and calls this
# script again afterwards with E2E_SKIP_INSTALL=1: a failed install is then tried again.
if [ "${E2E_INSTALL_ONLY:-}" = 1 ]; then
	rm -rf "$logs"
	exit $status
fi

scripts=()
if wants pinned && [[ "$install_failed" != *" pinned "* ]]; then scripts+=(typecheck:e2e test:e2e:sailpoint test:e2e:venafi test:e2e:flow test:e2e:pickers test:e2e:agents test:e2e:events:queue test:e2e:credential-edits test:e2e:queue test:e2e:screenshot); fi
if wants latest && [[ "$install_failed" != *" latest "* ]]; then scripts+=(test:e2e:latest test:e2e:agents:latest test:e2e:events:latest test:e2e:credential-edits:latest); fi

for script in "${scripts[@]}"; do
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
