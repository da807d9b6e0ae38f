#!/usr/bin/env bash
# Start the local PostgreSQL cluster and hand the tests a superuser URL (they create one
# database per test worker). Sourced, so STARCAMPUS_TEST_PG reaches `make test`.
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
# A loaded machine may take a while to start the cluster: wait for it, bounded, and say for what.
ready=
for _ in $(seq 1 120); do
  if pg_isready -q -h 127.0.0.1; then ready=1; break; fi
  sleep 1
done
if [[ -z $ready ]]; then
  echo "start-postgres: PostgreSQL $version did not accept connections on 127.0.0.1:5432 within 120 s" >&2
  return 1 2>/dev/null || exit 1
fi
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='starcampus'\" | grep -q 1 || psql -q -c \"CREATE ROLE starcampus LOGIN SUPERUSER PASSWORD 'starcampus'\""
export STARCAMPUS_TEST_PG="postgresql://starcampus:starcampus@127.0.0.1:5432/postgres"
