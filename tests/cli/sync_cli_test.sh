#!/usr/bin/env bash
# End-to-end test of the fieldcrm command-line tool: two databases (two devices) edit, exchange sync files both
# ways (full and --for), and end with equal dumps; bad input gives exit status != 0 and exactly one line on stderr.
# Usage: tests/cli/sync_cli_test.sh [path/to/fieldcrm]   (default: build/native/fieldcrm). Writes only to a temp dir.
set -euo pipefail
FIELDCRM=$(realpath "${1:-${FIELDCRM:-build/native/fieldcrm}}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
crm() { "$FIELDCRM" "$@"; }

# Runs a command that must fail: non-zero exit, nothing on stdout, exactly one line on stderr containing $1.
fails_with() {
  local expected=$1; shift
  local status=0
  "$FIELDCRM" "$@" >out.txt 2>err.txt || status=$?
  [ "$status" -ne 0 ] || fail "'$*' exited 0"
  [ "$(wc -l <err.txt)" -eq 1 ] || fail "'$*' wrote $(wc -l <err.txt) lines to stderr: $(cat err.txt)"
  grep -qF -- "$expected" err.txt || fail "'$*' said '$(cat err.txt)', expected '$expected'"
  [ ! -s out.txt ] || fail "'$*' wrote to stdout: $(cat out.txt)"
}

same_dumps() { # what
  crm --db a.db dump >a.json
  crm --db b.db dump >b.json
  cmp -s a.json b.json || fail "$1: dumps differ: $(diff a.json b.json | head -5)"
}

# -- two devices --------------------------------------------------------------------------------------------------
dev_a=$(crm --db a.db init --device "sales laptop")
dev_b=$(crm --db b.db init --device "office desktop")
[ "$dev_a" != "$dev_b" ] || fail "both devices got the same id"
zhang=$(crm --db a.db customer add --name "张三" --phone "138 0013 8000" --email zhang@example.cn --city 上海)
li=$(crm --db a.db customer add --name "Li Si" --city Beijing)
wang=$(crm --db b.db customer add --name "Wang Wu" --phone 13912345678)

# -- full exchange both ways ---------------------------------------------------------------------------------------
crm --db a.db sync export a1.json >/dev/null
crm --db b.db sync import a1.json >/dev/null
crm --db b.db sync export b1.json >/dev/null
crm --db a.db sync import b1.json >/dev/null
same_dumps "after a full exchange"
[ "$(grep -c '"id"' a.json)" -eq 3 ] || fail "expected 3 customers, got: $(cat a.json)"

# -- concurrent edits, a delete, then incremental files (--for) both ways ------------------------------------------
crm --db a.db customer set "$zhang" city 深圳
sleep 0.01
crm --db b.db customer set "$zhang" city 广州           # later: wins on both
crm --db b.db customer set "$li" notes "prefers mornings"
crm --db a.db customer delete "$wang"
crm --db a.db sync export a2.json --for "$dev_b" >/dev/null
crm --db b.db sync export b2.json --for "$dev_a" >/dev/null
crm --db b.db sync import a2.json >/dev/null
crm --db a.db sync import b2.json >/dev/null
same_dumps "after incremental files"
grep -qF '"city": "广州"' a.json || fail "the later city did not win: $(cat a.json)"
grep -qF "$wang" a.json && fail "the deleted customer is still there"
crm --db a.db conflicts | grep -qF '"losing_value": "深圳"' || fail "device a kept no conflict"
crm --db b.db conflicts | grep -qF '"losing_value": "深圳"' || fail "device b kept no conflict"
crm --db b.db sync peers | grep -qF '"name": "sales laptop"' || fail "device b does not know device a by name"

# -- idempotent, own file a no-op ----------------------------------------------------------------------------------
crm --db b.db sync import a2.json | grep -qF ": 0 new changes" || fail "re-importing a file changed something"
crm --db a.db sync export a3.json >/dev/null
crm --db a.db sync import a3.json | grep -qF ": 0 new changes" || fail "importing its own file changed something"
same_dumps "after re-imports"

# -- restore a backup: checked first, new device id, the backup's data ---------------------------------------------
crm --db a.db dump >a-before-backup.json
cp a.db backup.db                                      # a WAL-mode database file copied as a backup
[ ! -e a.db-wal ] || cp a.db-wal backup.db-wal
crm --db c.db init --device "spare laptop" >/dev/null
crm --db c.db customer add --name "Only on c" >/dev/null
restored=$(crm --db c.db restore backup.db) || fail "restore failed"
echo "$restored" | grep -qF "restored 2 customers from backup.db" || fail "restore said: $restored"
crm --db c.db dump >c.json
cmp -s a-before-backup.json c.json || fail "the restored database differs from the backup: $(diff a-before-backup.json c.json | head -5)"
echo "$restored" | grep -qF "$dev_a" && fail "the restored database kept the backup's device id"
echo "not a database" >junk.sqlite3
fails_with "cannot restore: this is not a FieldCRM backup" --db c.db restore junk.sqlite3
head -c 8192 backup.db >cut.sqlite3
fails_with "cannot restore: the backup file is truncated" --db c.db restore cut.sqlite3
crm --db c.db dump | cmp -s - c.json || fail "a refused restore changed the data"

# -- errors: one line on stderr, non-zero status, nothing changed --------------------------------------------------
cp a.json before.json
head -c 100 a3.json >truncated.json
fails_with "not valid JSON" --db a.db sync import truncated.json
echo '{"name": "some-package", "version": "1.0.0"}' >foreign.json
fails_with "not a FieldCRM sync file" --db a.db sync import foreign.json
sed 's/"version":1/"version":9/' a3.json >newer.json
fails_with "newer FieldCRM" --db a.db sync import newer.json
: >empty.json
fails_with "the file is empty" --db a.db sync import empty.json
fails_with "cannot read" --db a.db sync import no-such-file.json
fails_with "unknown field" --db a.db customer set "$li" colour red
fails_with "no customer with id" --db a.db customer set 00000000-0000-4000-8000-000000000000 city X
fails_with "invalid customer" --db a.db customer add --name ""
fails_with "usage: fieldcrm --db FILE customer set ID FIELD VALUE" --db a.db customer set "$li" city
fails_with "unknown command" --db a.db frobnicate
fails_with "unknown option --colour" --db a.db customer add --name X --colour red
fails_with "no database at" --db missing.db dump
fails_with "not a device id" --db a.db sync export x.json --for laptop
fails_with "usage: fieldcrm --db FILE COMMAND"
crm --db a.db dump >after.json
cmp -s before.json after.json || fail "a failed command changed the data"
[ ! -e missing.db ] || fail "a command on a missing database created it"

if [ "$failures" -gt 0 ]; then
  echo "sync_cli_test: $failures failure(s)" >&2
  exit 1
fi
echo "sync_cli_test: all passed"
