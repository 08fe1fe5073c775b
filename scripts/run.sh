#!/usr/bin/env bash
# Runs Porter in dev mode: builds the jar if the sources are newer, then starts it. With no
# PORTER_DB_URL it runs an embedded PostgreSQL (data in ./data/pg) and prints a demo bearer token.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/porter.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src -newer "$jar" -print -quit)" ]; then
  echo "run.sh: building $jar"
  mvn -B -q package -DskipTests
fi
export PORTER_DEV="${PORTER_DEV:-true}"
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
