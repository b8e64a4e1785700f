#include "core/store/sqlite_database.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace embedlab::store {

namespace {

constexpr int kBusyTimeoutMs = 10000;

}  // namespace

SqliteDatabase::SqliteDatabase(const std::filesystem::path& path) : path_(path) {
  std::error_code error;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), error);
  const int code =
      sqlite3_open_v2(path.c_str(), &handle_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (code != SQLITE_OK) {
    const std::string message = handle_ != nullptr ? sqlite3_errmsg(handle_) : "out of memory";
    sqlite3_close(handle_);
    handle_ = nullptr;
    throw StoreError(
        fmt::format("cannot open the history database {}: {}", path.string(), message));
  }
  sqlite3_extended_result_codes(handle_, 1);
  sqlite3_busy_timeout(handle_, kBusyTimeoutMs);
  try {
    execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  } catch (...) {
    sqlite3_close(handle_);
    handle_ = nullptr;
    throw;
  }
}

SqliteDatabase::~SqliteDatabase() {
  sqlite3_close(handle_);
}

void SqliteDatabase::fail(int code, std::string_view what) const {
  const int primary = code & 0xff;
  std::string message = handle_ != nullptr ? sqlite3_errmsg(handle_) : sqlite3_errstr(code);
  if (primary == SQLITE_FULL) {
    message = "the disk is full (free some space; what was committed before is kept)";
  } else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    message += " (another process holds the database longer than the busy timeout)";
  }
  throw StoreError(fmt::format("history database {}: {}: {}", path_.string(), what, message));
}

void SqliteDatabase::execute(std::string_view sql) {
  char* error = nullptr;
  const std::string statement(sql);
  const int code = sqlite3_exec(handle_, statement.c_str(), nullptr, nullptr, &error);
  if (code != SQLITE_OK) {
    sqlite3_free(error);
    fail(code, "cannot run \"" + statement.substr(0, 60) + "\"");
  }
}

std::int64_t SqliteDatabase::lastInsertId() const {
  return sqlite3_last_insert_rowid(handle_);
}

int SqliteDatabase::changes() const {
  return sqlite3_changes(handle_);
}

int SqliteDatabase::userVersion() {
  Statement query(*this, "PRAGMA user_version");
  query.step();
  return static_cast<int>(query.integer(0));
}

void SqliteDatabase::setUserVersion(int version) {
  execute(fmt::format("PRAGMA user_version={}", version));  // a pragma takes no parameters
}

Statement::Statement(SqliteDatabase& database, std::string_view sql) : database_(database) {
  const int code = sqlite3_prepare_v2(database.handle(), sql.data(), static_cast<int>(sql.size()),
                                      &statement_, nullptr);
  if (code != SQLITE_OK) database.fail(code, "cannot prepare \"" + std::string(sql) + "\"");
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK) database_.fail(code, "cannot bind a parameter");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int code = sqlite3_bind_double(statement_, index, value);
  if (code != SQLITE_OK) database_.fail(code, "cannot bind a parameter");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int code = sqlite3_bind_text64(statement_, index, value.data(), value.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8);
  if (code != SQLITE_OK) database_.fail(code, "cannot bind a parameter");
  return *this;
}

Statement& Statement::bindNull(int index) {
  const int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK) database_.fail(code, "cannot bind a parameter");
  return *this;
}

bool Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  database_.fail(code, std::string("cannot run \"") + sqlite3_sql(statement_) + "\"");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Transaction::Transaction(SqliteDatabase& database) : database_(database) {
  database_.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    database_.execute("ROLLBACK");
  } catch (...) {
    // The transaction may already be gone (SQLite rolls back on some errors by itself).
  }
}

void Transaction::commit() {
  database_.execute("COMMIT");
  open_ = false;
}

}  // namespace embedlab::store
