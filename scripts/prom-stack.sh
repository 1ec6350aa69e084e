#!/bin/sh
# The Prometheus proof stack (simulator + real Prometheus on loopback). Runs scripts/prom-stack.ts with Node 22.
# Examples:  scripts/prom-stack.sh install
#            eval "$(scripts/prom-stack.sh start --scenario bad-deploy)"; ...; scripts/prom-stack.sh stop --dir "$ATP_STACK_DIR"
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
node_bin=${ATP_COCKPIT_NODE:-}
[ -n "$node_bin" ] || { [ -x "$root/node_modules/node/bin/node" ] && node_bin=$root/node_modules/node/bin/node; } || true
[ -n "$node_bin" ] || node_bin=$(command -v node)
exec "$node_bin" --import "file://$root/node_modules/tsx/dist/esm/index.mjs" "$root/scripts/prom-stack.ts" "$@"
