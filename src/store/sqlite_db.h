// SqliteDb: RAII over one sqlite3 connection and its prepared statements.
// Thread safety: one thread at a time per SqliteDb (one connection per thread).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "annals/result.h"

namespace annals::store {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// A prepared statement: bind with Bind(i, v) (1-based), step with Step().
class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(sqlite3_stmt* s) : stmt_(s) {}
  void Bind(int i, std::string_view v);
  void Bind(int i, int64_t v);
  void BindNull(int i);
  // 64-bit integers as a blob (8 bytes each, little-endian), read by Ints.
  void BindInts(int i, const std::vector<uint64_t>& v);
  // SQLITE_ROW: true; SQLITE_DONE: false; error: false with *error set.
  bool Step(Status* error = nullptr);
  void Reset();
  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  bool IsNull(int col) const;
  // A blob written by BindInts (trailing bytes of a cut blob are ignored).
  std::vector<uint64_t> Ints(int col) const;
  sqlite3_stmt* get() const { return stmt_.get(); }

 private:
  std::unique_ptr<sqlite3_stmt, StmtDeleter> stmt_;
};

class SqliteDb {
 public:
  // Errors: kDb with SQLite's message.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Status Exec(const std::string& sql);
  Result<Stmt> Prepare(std::string_view sql);
  std::string LastError() const;
  sqlite3* handle() const { return db_; }

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace annals::store
