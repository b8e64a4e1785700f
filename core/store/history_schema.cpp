#include "core/store/history_schema.h"

#include <fmt/format.h>

#include "core/store/sqlite_database.h"

namespace embedlab::store {

namespace {

// Version 1: runs with inputs and tags; metric series, histograms, evaluation results and
// summaries per run, deleted with it.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at REAL NOT NULL,
  ended_at REAL,
  heartbeat_at REAL NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  version TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}',
  output_path TEXT NOT NULL DEFAULT '',
  parent_model TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX runs_by_start ON runs (started_at);
CREATE INDEX runs_by_status ON runs (status);
CREATE TABLE run_inputs (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  content_hash TEXT NOT NULL
);
CREATE INDEX run_inputs_by_run ON run_inputs (run_id);
CREATE TABLE run_tags (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (run_id, tag)
);
CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  step INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (run_id, name, step)
) WITHOUT ROWID;
CREATE TABLE histograms (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  step INTEGER NOT NULL,
  low REAL NOT NULL,
  high REAL NOT NULL,
  counts TEXT NOT NULL,
  PRIMARY KEY (run_id, kind, step)
) WITHOUT ROWID;
CREATE TABLE eval_results (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  model TEXT NOT NULL,
  dataset TEXT NOT NULL,
  metric TEXT NOT NULL,
  value REAL NOT NULL
);
CREATE INDEX eval_results_by_run ON eval_results (run_id);
CREATE TABLE run_summaries (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
);
)sql";

}  // namespace

const char* historyMigration(int version) {
  switch (version) {
    case 1: return kVersion1;
    default: return nullptr;
  }
}

void migrateHistorySchema(SqliteDatabase& database) {
  if (database.userVersion() == kHistorySchemaVersion) return;
  // Read again under the write lock: another process may have migrated it meanwhile.
  Transaction transaction(database);
  const int current = database.userVersion();
  if (current > kHistorySchemaVersion) {
    throw StoreError(fmt::format(
        "the history database {} has schema version {}, newer than this EmbedLab knows ({}); "
        "use a newer EmbedLab or another --db",
        database.path().string(), current, kHistorySchemaVersion));
  }
  for (int version = current + 1; version <= kHistorySchemaVersion; ++version) {
    database.execute(historyMigration(version));
  }
  database.setUserVersion(kHistorySchemaVersion);
  transaction.commit();
}

}  // namespace embedlab::store
