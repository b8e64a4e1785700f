// A small RAII layer over the SQLite C API, for the experiment history: a connection opened in
// WAL mode with a busy timeout and foreign keys on, prepared statements whose values are always
// bound parameters (run names, notes and tags are user text), and transactions that roll back
// unless committed. Every failure throws StoreError naming the database and SQLite's message; a
// full disk says so.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/common/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace embedlab::store {

class StoreError : public Error {
 public:
  using Error::Error;
};

class SqliteDatabase;

/// One prepared statement. Parameters are 1-based, as in SQLite.
class Statement {
 public:
  Statement(SqliteDatabase& database, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bindNull(int index);

  /// Runs one step: true while a row is available.
  bool step();
  /// Runs a statement that returns no rows, then resets it for reuse.
  void run();
  /// Clears bindings and rewinds, for the next use of the same statement.
  void reset();

  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  bool isNull(int column) const;

 private:
  SqliteDatabase& database_;
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteDatabase {
 public:
  /// Opens (creating it and its folder when missing) the database at `path`.
  explicit SqliteDatabase(const std::filesystem::path& path);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  /// Runs one or more statements without parameters (schema, pragmas).
  void execute(std::string_view sql);
  std::int64_t lastInsertId() const;
  /// Rows changed by the last statement.
  int changes() const;

  /// PRAGMA user_version.
  int userVersion();
  void setUserVersion(int version);

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() { return handle_; }

  /// Throws StoreError for SQLite result `code` with `what` and SQLite's message.
  [[noreturn]] void fail(int code, std::string_view what) const;

 private:
  std::filesystem::path path_;
  sqlite3* handle_ = nullptr;
};

/// BEGIN IMMEDIATE on construction (the writer takes the lock up front, so two writers queue
/// on the busy timeout instead of failing halfway); ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(SqliteDatabase& database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  SqliteDatabase& database_;
  bool open_ = true;
};

}  // namespace embedlab::store
