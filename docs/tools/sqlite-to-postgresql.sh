#!/bin/sh
# Copies every row of a PromptGate SQLite database into a PostgreSQL database that PromptGate has
# already migrated (start it once on PostgreSQL, then stop it). See docs/deployment-cluster.md,
# "Moving an existing SQLite installation".
#
#   docs/tools/sqlite-to-postgresql.sh <promptgate.db> <psql connection>
#   e.g. docs/tools/sqlite-to-postgresql.sh /var/lib/promptgate/promptgate.db \
#            "host=db.internal dbname=promptgate user=promptgate"
#
# Needs the sqlite3 and psql command-line tools. Runs in one PostgreSQL transaction: the target's
# application tables are emptied (TRUNCATE ... RESTART IDENTITY), filled from the SQLite file with
# the same ids, and the id sequences moved past the copied rows. Nothing is changed when any step
# fails. Stop every PromptGate node using either database first. Secrets stay as they are stored
# (password hashes, key hashes, sealed upstream keys): the new nodes need the same master key
# (PROMPTGATE_SECRET_KEY, or the old data directory's secret.key).
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 <promptgate.db> <psql connection string>" >&2
  exit 2
fi
sqlite_db=$1
target=$2
[ -r "$sqlite_db" ] || { echo "cannot read $sqlite_db" >&2; exit 2; }

# parents before children (foreign keys); request_records has none
tables="users api_keys providers upstream_keys prompt_policies routes settings audit_events request_records"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
script="$work/load.sql"

echo "TRUNCATE $(echo $tables | sed 's/ /, /g') RESTART IDENTITY CASCADE;" > "$script"
for table in $tables; do
  columns=$(sqlite3 "$sqlite_db" "SELECT group_concat(name, ', ') FROM pragma_table_info('$table')")
  # CSV: NULL is an empty field, an empty string is "" (PostgreSQL reads both back as written)
  sqlite3 -csv "$sqlite_db" "SELECT $columns FROM $table" > "$work/$table.csv"
  printf '\\copy %s (%s) FROM '"'"'%s'"'"' WITH (FORMAT csv)\n' "$table" "$columns" "$work/$table.csv" >> "$script"
  if [ "$table" != settings ]; then
    echo "SELECT setval(pg_get_serial_sequence('$table', 'id'), COALESCE((SELECT max(id) FROM $table), 0) + 1, false);" >> "$script"
  fi
done

psql "$target" --no-psqlrc --quiet -v ON_ERROR_STOP=1 --single-transaction -f "$script" > /dev/null
for table in $tables; do
  printf '%s: %s rows\n' "$table" "$(sqlite3 "$sqlite_db" "SELECT count(*) FROM $table")"
done
