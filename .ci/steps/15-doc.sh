#!/usr/bin/env bash
# The API documentation builds without a warning (broken or private links).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -q
echo "cargo doc: no warnings"
