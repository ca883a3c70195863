#!/usr/bin/env bash
# Database time of the desk search's queries (DeskSearch), as PostgreSQL reports it with EXPLAIN ANALYZE, on a
# seeded database: each query shape runs ROUNDS times (default 20) with real ids and terms picked from the data,
# and prints the index it used, the median and the p95 execution time (EXPLAIN ANALYZE adds a little).
# Usage: bench/search-explain.sh "Host=127.0.0.1;Port=55480;Username=postgres;Database=serp_big" [ROUNDS]
set -euo pipefail
cs=${1:?connection string}; rounds=${2:-20}
psql_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/psql
# Npgsql's "Key=Value;" string to psql's "key=value " conninfo.
conninfo=$(echo "$cs" | tr ';' '\n' | sed -n 's/^Host=/host=/Ip; s/^Port=/port=/Ip; s/^Username=/user=/Ip; s/^Database=/dbname=/Ip; s/^Password=/password=/Ip' | tr '\n' ' ')
q() { "$psql_bin" "$conninfo" -X -q -At -c "$1"; }

pick() { q "SELECT $1 FROM orders WHERE $2 ORDER BY id LIMIT 1 OFFSET 500"; }
order_id=$(pick id "true")
pi=$(pick stripe_payment_intent_id "stripe_payment_intent_id IS NOT NULL")
capture=$(pick paypal_capture_id "paypal_capture_id IS NOT NULL")
email=$(pick "lower(customer_email)" "customer_email IS NOT NULL")
refund=$(q "SELECT provider_refund_id FROM refunds ORDER BY id LIMIT 1 OFFSET 50")
name=$(pick "lower(customer_name)" "customer_name IS NOT NULL")
cols="o.id, o.created_at, o.customer_email, o.customer_name, o.amount_total, o.currency, o.amount_refunded, o.payment_status, o.source"
# Text search reads the newest matching ids first (20 = 4 x the app bar's 5 per group), then their rows by id.
newest="ORDER BY o.created_at DESC, o.id DESC LIMIT 20"
ids=$(q "SELECT string_agg(quote_literal(id::text), ',') FROM (SELECT id FROM orders ORDER BY id LIMIT 20 OFFSET 900) s")

declare -a labels sqls
add() { labels+=("$1"); sqls+=("$2"); }
add "order id" "SELECT $cols FROM orders o WHERE o.id = '$order_id' LIMIT 5"
add "pi_ id" "SELECT $cols FROM orders o WHERE o.stripe_payment_intent_id = '$pi' LIMIT 5"
add "PayPal id" "SELECT $cols FROM orders o WHERE o.paypal_order_id = '$capture' OR o.paypal_capture_id = '$capture' LIMIT 5"
add "refund id" "SELECT r.order_id, r.payment_ref FROM refunds r WHERE r.provider_refund_id = '$refund'"
add "email exact" "SELECT o.id FROM (SELECT * FROM orders WHERE lower(customer_email) LIKE '${email//_/\\_}%') o $newest"
add "email prefix (4 chars)" "SELECT o.id FROM (SELECT * FROM orders WHERE lower(customer_email) LIKE '${email:0:4}%') o $newest"
add "email prefix (2 chars)" "SELECT o.id FROM (SELECT * FROM orders WHERE lower(customer_email) LIKE '${email:0:2}%') o $newest"
add "full name" "SELECT o.id FROM (SELECT * FROM orders WHERE lower(customer_name) LIKE '%$name%') o $newest"
add "last name" "SELECT o.id FROM (SELECT * FROM orders WHERE lower(customer_email) LIKE '%${name#* }%' OR lower(customer_name) LIKE '%${name#* }%') o $newest"
add "email fragment" "SELECT o.id FROM (SELECT * FROM orders WHERE lower(customer_email) LIKE '%${email:2:10}%') o $newest"
add "no match" "SELECT o.id FROM (SELECT * FROM orders WHERE lower(customer_email) LIKE '%qqzx%' OR lower(customer_name) LIKE '%qqzx%') o $newest"
add "rows of 20 ids" "SELECT $cols FROM orders o WHERE o.id = ANY(ARRAY[$ids]::uuid[]) $newest"
add "customer counts" "SELECT lower(customer_email), count(*)::int, max(created_at) FROM orders WHERE lower(customer_email) = ANY(ARRAY['$email']) GROUP BY 1"

printf '%-24s %-34s %9s %9s\n' query index "p50 ms" "p95 ms"
for i in "${!labels[@]}"; do
  plan=$(q "EXPLAIN (ANALYZE, COSTS OFF) ${sqls[$i]}")
  index=$(echo "$plan" | grep -o 'using [a-z_]*\|on ix_[a-z_]*\|on pk_[a-z_]*' | sed 's/^using //; s/^on //' | sort -u | paste -sd+ -)
  times=$(for _ in $(seq "$rounds"); do q "EXPLAIN (ANALYZE, COSTS OFF) ${sqls[$i]}" | sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p'; done | sort -n)
  p50=$(echo "$times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  p95=$(echo "$times" | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i>NR) i=NR; print a[i]}')
  printf '%-24s %-34s %9s %9s\n' "${labels[$i]}" "${index:-seq scan}" "$p50" "$p95"
done
