#!/usr/bin/env bash
# Before the first landing only: regenerate the single foundation migration from the schema.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf drizzle
npx drizzle-kit generate --name foundation
