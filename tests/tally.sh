# Sourced by the proofs that count their checks (after they define say): ok and bad count
# and say each check; tally says the count last and is true only if none failed.
passed=0 failed=0
ok() { passed=$((passed + 1)); say "ok: $*"; }
bad() { failed=$((failed + 1)); say "FAILED: $*"; }
tally() { say "$passed checks held, $failed failed"; [ "$failed" = 0 ]; }
