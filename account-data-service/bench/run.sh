#!/usr/bin/env bash
# Benchmark of GET /fdx/v6/accounts/{id}/transactions: 64 connections on loopback with wrk, valid tokens, check on
# (with and without the verified-token cache) and off, and DPoP-bound tokens with an ES256 or a PS256 proof per
# request (RFC 9449; proofs signed before each run) next to bearer tokens, in the same run. Prints req/s, p50 and p99;
# writes target/bench-results.txt.
# Needs what the tests need (PostgreSQL on 127.0.0.1:5432; Kafka comes from the build) plus wrk.
# Usage: account-data-service/bench/run.sh [duration per run, default 20s]
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=/dev/null
. deploy/local/require-wrk

# shellcheck source=/dev/null
. deploy/local/select-jdk
JAVA_HOME="$(pick_jdk)"
export JAVA_HOME

./mvnw -B verify -pl account-data-service -am -Pbench -Dtest=TransactionsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.wrk="$(command -v wrk)" -Dbench.duration="${1:-20s}"
echo
cat account-data-service/target/bench-results.txt
