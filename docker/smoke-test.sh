#!/usr/bin/env bash
# The compose path end to end, for a machine with a Docker engine and Compose v2:
#   docker/smoke-test.sh streams     or     docker/smoke-test.sh flink
# Brings the profile up (the flink profile submits the job with the original project's flags),
# lets the producer send for a while, stops it, waits until the runner has read everything, and
# ends with verify's ledger: exit 0 only for "RESULT: OK". Everything it started is removed at the
# end, volumes included. The project's own machines have no Docker engine: this never ran there.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${1:-}
case "$profile" in
  streams) group=pairing-streams ;;
  flink) group=my-group ;;
  *) echo "usage: docker/smoke-test.sh streams|flink" >&2; exit 2 ;;
esac
seconds=${SMOKE_SECONDS:-60}
project="pairing-smoke-$profile"
compose() { docker compose -p "$project" --profile "$profile" "$@"; }
kafka_tool() { compose exec -T kafka "/opt/kafka/bin/$1" --bootstrap-server localhost:9092 "${@:2}"; }
trap 'compose down -v --remove-orphans >/dev/null 2>&1 || true' EXIT

echo "== building and starting profile $profile"
compose up -d --build
if [ "$profile" = flink ]; then
  echo "== waiting for the job submission (the original flags)"
  code=$(docker wait "$(compose ps -aq flink-job)")
  [ "$code" = 0 ] || { compose logs flink-job; echo "the submission exited $code" >&2; exit 1; }
fi

echo "== producing for ${seconds}s"
sleep "$seconds"
compose stop producer

echo "== waiting until group $group has read the raw topic to its end"
for _ in $(seq 1 120); do
  lag=$(kafka_tool kafka-consumer-groups.sh --describe --group "$group" 2>/dev/null \
        | awk '$2 == "raw-topic" { if ($6 == "-") missing = 1; else sum += $6 } END { print (missing ? "?" : sum + 0) }')
  [ "$lag" = 0 ] && break
  sleep 5
done
[ "$lag" = 0 ] || { echo "the runner did not catch up (lag $lag)" >&2; compose logs --tail 50; exit 1; }

echo "== verify"
report=$(compose run --rm --no-deps producer java -jar /opt/pairing/verify.jar --bootstrapServers kafka:9094 \
  --schemaRegistry http://schema-registry:8080/apis/ccompat/v7) || true
echo "$report"
grep -q "RESULT: OK" <<<"$report" || { echo "verify did not say RESULT: OK" >&2; exit 1; }
echo "== profile $profile: RESULT: OK"
