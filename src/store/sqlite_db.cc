#include "src/store/sqlite_db.h"

namespace annals::store {

std::string NameFile(const std::string& path, std::string_view message) {
  if (path.empty() || (message.size() > path.size() + 1 && message.starts_with(path) &&
                       message.substr(path.size(), 2) == ": ")) {
    return std::string(message);
  }
  return path + ": " + std::string(message);
}

namespace {
constexpr std::string_view kDamaged = "the archive is damaged: ";
}  // namespace

Error DbError(sqlite3* db, int rc, const std::string& path) {
  const std::string msg = NameFile(path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  const int primary = rc & 0xFF;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    return DamagedFile(path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  }
  return Error{ErrorCode::kDb, msg};
}

Error DamagedFile(const std::string& path, std::string_view what) {
  return Error{ErrorCode::kCorrupt, std::string(kDamaged) + NameFile(path, what) +
                                        " (`annals check` says what is affected)"};
}

bool IsDamaged(const Error& e) {
  return e.code == ErrorCode::kCorrupt && e.message.starts_with(kDamaged);
}


// The 64-bit binds: an int length above 2 GiB would turn negative, which
// SQLite reads as "up to the first NUL".
void Stmt::Bind(int i, std::string_view v) {
  Bound(sqlite3_bind_text64(stmt_.get(), i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
        v.size());
}

void Stmt::Bound(int rc, size_t bytes) {
  // Only a value SQLite could not take is an error here (binding an index
  // the statement lacks stays as SQLite has it: ignored).
  if ((rc != SQLITE_TOOBIG && rc != SQLITE_NOMEM) || !bind_error_.empty()) return;
  bind_error_ = rc == SQLITE_TOOBIG
                    ? "a value of " + std::to_string(bytes) + " bytes is larger than SQLite stores"
                    : sqlite3_errstr(rc);
}
void Stmt::Bind(int i, int64_t v) { Bound(sqlite3_bind_int64(stmt_.get(), i, v), 8); }
void Stmt::BindNull(int i) { Bound(sqlite3_bind_null(stmt_.get(), i), 0); }

void Stmt::BindInts(int i, const std::vector<uint64_t>& v) {
  std::string bytes(v.size() * 8, '\0');
  for (size_t k = 0; k < v.size(); ++k) {
    for (size_t b = 0; b < 8; ++b) bytes[k * 8 + b] = static_cast<char>((v[k] >> (8 * b)) & 0xFF);
  }
  Bound(sqlite3_bind_blob64(stmt_.get(), i, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
        bytes.size());
}

void Stmt::BindBlob(int i, std::string_view bytes) {
  Bound(sqlite3_bind_blob64(stmt_.get(), i, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
        bytes.size());
}

std::string Stmt::Blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_.get(), col));
  const size_t n = static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col));
  return p ? std::string(p, n) : std::string();
}

std::vector<uint64_t> Stmt::Ints(int col) const {
  std::vector<uint64_t> out;
  Ints(col, &out);
  return out;
}

void Stmt::Ints(int col, std::vector<uint64_t>* out) const {
  const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_.get(), col));
  const size_t n = static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col)) / 8;
  out->assign(p ? n : 0, 0);
  for (size_t k = 0; k < out->size(); ++k) {
    for (size_t b = 0; b < 8; ++b) (*out)[k] |= static_cast<uint64_t>(p[k * 8 + b]) << (8 * b);
  }
}

bool Stmt::Step(Status* error) {
  if (!bind_error_.empty()) {
    if (error) *error = Fail(ErrorCode::kDb, NameFile(path_ ? *path_ : std::string(), bind_error_));
    return false;
  }
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && error) {
    *error = tl::unexpected(
        DbError(sqlite3_db_handle(stmt_.get()), rc, path_ ? *path_ : std::string()));
  }
  return false;
}

void Stmt::Reset() {
  bind_error_.clear();
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string Stmt::Text(int col) const { return std::string(TextView(col)); }

std::string_view Stmt::TextView(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_.get(), col);
  const int n = sqlite3_column_bytes(stmt_.get(), col);
  return t ? std::string_view(reinterpret_cast<const char*>(t), static_cast<size_t>(n))
           : std::string_view();
}
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_.get(), col); }
bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, Mode mode) {
  // A statement's journal (the pages it changes, kept to undo it alone)
  // spills to a temporary file past SQLite's default of 64 KiB. It was set
  // to 4 MiB (an ingest of 10,000 bench pages wrote 37,000 of its 71,000
  // pwrites there), and with it SQLite 3.40 failed the full-text indexing
  // of a transaction of 7,500 stories (ingest --batch 10000, or the rebuild
  // of a large group of stories) with "database or disk is full", on a disk
  // far from full; at 64 KiB, or with no spill at all, it passes
  // (StoryStoreTest.LargeTransactionIsIndexed).
  sqlite3* db = nullptr;
  std::string name = path;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (mode == Mode::kReadOnly) flags = SQLITE_OPEN_READONLY;
  if (mode == Mode::kImmutable) {
    // A URI filename: '%', '?' and '#' in the path are escaped.
    name = "file:";
    for (char c : path) {
      if (c == '%' || c == '?' || c == '#') {
        constexpr char kHex[] = "0123456789ABCDEF";
        name += '%';
        name += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
        name += kHex[static_cast<unsigned char>(c) & 0xF];
      } else {
        name += c;
      }
    }
    name += "?immutable=1";
    flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  }
  int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Fail(ErrorCode::kDb, "cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<SqliteDb>(new SqliteDb(db, path));
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

Status SqliteDb::Exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(DbError(db_, rc, path_));
  return Ok();
}

Result<Stmt> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(DbError(db_, rc, path_));
  return Stmt(s, &path_);
}

std::string SqliteDb::LastError() const { return NameFile(path_, sqlite3_errmsg(db_)); }

Error SqliteDb::LastFailure() const { return DbError(db_, sqlite3_extended_errcode(db_), path_); }

}  // namespace annals::store
