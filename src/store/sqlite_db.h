// SqliteDb: RAII over one sqlite3 connection and its prepared statements.
// Thread safety: one thread at a time per SqliteDb (one connection per thread).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "annals/result.h"

namespace annals::store {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// `message` as "PATH: message", so that an error of the store names the
// archive's file; as it is when `path` is empty or the message already
// starts so.
std::string NameFile(const std::string& path, std::string_view message);

// The error of an SQLite call that returned `rc` on `db`: kCorrupt, with the
// message "the archive is damaged: PATH: ...", when SQLite found the file
// malformed (SQLITE_CORRUPT, SQLITE_NOTADB), so that no caller takes a
// damaged archive's error for the end of its rows; kDb otherwise.
Error DbError(sqlite3* db, int rc, const std::string& path);
// The error DbError makes for a damaged file, for damage found by a check
// of ours rather than by SQLite (`what` says what was found).
Error DamagedFile(const std::string& path, std::string_view what);
// True for an error DbError or DamagedFile made for a damaged file.
bool IsDamaged(const Error& e);

// A prepared statement: bind with Bind(i, v) (1-based), step with Step().
class Stmt {
 public:
  Stmt() = default;
  // `path`: the file of the connection, named in errors; it outlives the statement.
  Stmt(sqlite3_stmt* s, const std::string* path) : stmt_(s), path_(path) {}
  void Bind(int i, std::string_view v);
  void Bind(int i, int64_t v);
  void BindNull(int i);
  // 64-bit integers as a blob (8 bytes each, little-endian), read by Ints.
  void BindInts(int i, const std::vector<uint64_t>& v);
  void BindBlob(int i, std::string_view bytes);  // any bytes, as a BLOB
  // SQLITE_ROW: true; SQLITE_DONE: false; error: false with *error set
  // (see DbError). Every loop over rows passes `error`: a read that fails
  // on a damaged page must not look like the end of the rows. A value that
  // could not be bound (larger than SQLite takes: 10^9 bytes by default) is
  // an error of the next Step, which then does not run.
  bool Step(Status* error);
  void Reset();
  std::string Text(int col) const;
  // The text of `col` without a copy, valid until the next Step or Reset.
  std::string_view TextView(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  bool IsNull(int col) const;
  // A blob written by BindInts (trailing bytes of a cut blob are ignored).
  std::vector<uint64_t> Ints(int col) const;
  void Ints(int col, std::vector<uint64_t>* out) const;  // into a buffer reused by the caller
  std::string Blob(int col) const;  // a BLOB's bytes ("" for NULL)
  sqlite3_stmt* get() const { return stmt_.get(); }

 private:
  void Bound(int rc, size_t bytes);

  std::unique_ptr<sqlite3_stmt, StmtDeleter> stmt_;
  const std::string* path_ = nullptr;
  std::string bind_error_;  // the first failed Bind since Reset
};

class SqliteDb {
 public:
  // kReadWrite creates the file if absent. kReadOnly never writes (the file
  // must exist). kImmutable also reads a WAL-mode file in a directory where
  // its -shm file cannot be made; only for files nothing writes meanwhile.
  enum class Mode { kReadWrite, kReadOnly, kImmutable };
  // Errors: kDb with SQLite's message. Every error message of the
  // connection and its statements starts with `path`.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path,
                                                Mode mode = Mode::kReadWrite);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Status Exec(const std::string& sql);
  Result<Stmt> Prepare(std::string_view sql);
  // SQLite's message for the last error, after the path.
  std::string LastError() const;
  // The last error as DbError makes it (kCorrupt for a damaged file).
  Error LastFailure() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace annals::store
