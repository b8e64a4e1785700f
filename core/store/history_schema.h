// The history database's schema, version by version. Version N's migration turns a database of
// version N-1 into version N; opening runs every migration above the file's PRAGMA user_version
// in one transaction, so a database is always at one version or another, never in between.
#pragma once

namespace embedlab::store {

class SqliteDatabase;

inline constexpr int kHistorySchemaVersion = 1;

/// The SQL that creates version `version` from version `version - 1` (1: from nothing).
const char* historyMigration(int version);

/// Brings `database` to kHistorySchemaVersion. Throws StoreError for a database written by a
/// newer EmbedLab (whose schema this build does not know).
void migrateHistorySchema(SqliteDatabase& database);

}  // namespace embedlab::store
