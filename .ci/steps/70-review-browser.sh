#!/usr/bin/env bash
# The review page in a real browser: Debian's chromium and chromium-driver
# (never a downloaded browser), a CJK font, and Selenium from PyPI drive
# tests/browser/test_review.py on the release binary: counts, filters,
# every keyboard edit, undo, reload, TMX/CSV export validated with xmllint
# (and OmegaT through ../shared/tools/check_tmx.sh) and read back by
# termalign; time to interactive of the MAC-Dev page and of a 20,000-bead
# batch (gen_corpus) is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei libxml2-utils >/dev/null
fi
if ! python3 -c 'import selenium' 2>/dev/null; then
  # A Debian system Python refuses pip without --break-system-packages (PEP 668).
  python3 -m pip install -q 'selenium>=4.10' 2>/dev/null ||
    python3 -m pip install -q --break-system-packages 'selenium>=4.10'
fi

cargo build --release -q --bin termalign --example gen_corpus
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# 870 generated pairs hold a little over 20,000 beads.
./target/release/examples/gen_corpus 870 "$work/corpus" >/dev/null
python3 tests/browser/test_review.py --bin target/release/termalign --corpus "$work/corpus" \
  --screenshot "$work/review.png"
