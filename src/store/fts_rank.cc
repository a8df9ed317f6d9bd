#include "src/store/fts_rank.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <sqlite3.h>
#include <utility>

namespace annals::store {

namespace {

// FTS5's bm25() state for one statement: each phrase's IDF, the mean row
// length, and room for the phrase frequencies of one row (fts5_aux.c,
// fts5Bm25GetData, as of SQLite 3.40).
struct Bm25Data {
  std::vector<double> idf;
  std::vector<double> freq;
  double avgdl = 0;
};

int CountRow(const Fts5ExtensionApi*, Fts5Context*, void* n) {
  ++*static_cast<sqlite3_int64*>(n);
  return SQLITE_OK;
}

void FreeData(void* p) { delete static_cast<Bm25Data*>(p); }

int GetData(const Fts5ExtensionApi* api, Fts5Context* fts, Bm25Data** out) {
  auto* p = static_cast<Bm25Data*>(api->xGetAuxdata(fts, 0));
  if (p != nullptr) {
    *out = p;
    return SQLITE_OK;
  }
  auto data = std::make_unique<Bm25Data>();
  const int n_phrase = api->xPhraseCount(fts);
  data->idf.assign(static_cast<size_t>(n_phrase), 0.0);
  data->freq.assign(static_cast<size_t>(n_phrase), 0.0);
  sqlite3_int64 n_row = 0, n_token = 0;
  int rc = api->xRowCount(fts, &n_row);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &n_token);
  if (rc == SQLITE_OK) data->avgdl = static_cast<double>(n_token) / static_cast<double>(n_row);
  for (int i = 0; rc == SQLITE_OK && i < n_phrase; ++i) {
    sqlite3_int64 n_hit = 0;
    rc = api->xQueryPhrase(fts, i, &n_hit, CountRow);
    if (rc == SQLITE_OK) {
      // bm25()'s IDF, with its floor (a phrase in more than half the rows).
      double idf =
          std::log((static_cast<double>(n_row - n_hit) + 0.5) / (static_cast<double>(n_hit) + 0.5));
      if (idf <= 0.0) idf = 1e-6;
      data->idf[static_cast<size_t>(i)] = idf;
    }
  }
  if (rc != SQLITE_OK) return rc;
  p = data.release();
  rc = api->xSetAuxdata(fts, p, FreeData);  // frees p itself on failure
  if (rc == SQLITE_OK) *out = p;
  return rc;
}

// annals_bm25(TABLE, w0, w1, ...): fts5Bm25Function of fts5_aux.c, but the
// row's length from the FtsRank held as user data when it has the row.
void Bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n_val,
          sqlite3_value** val) {
  const double k1 = 1.2;
  const double b = 0.75;
  const auto* rank = static_cast<const FtsRank*>(api->xUserData(fts));
  Bm25Data* data = nullptr;
  int n_inst = 0;
  int rc = GetData(api, fts, &data);
  if (rc == SQLITE_OK) {
    std::fill(data->freq.begin(), data->freq.end(), 0.0);
    rc = api->xInstCount(fts, &n_inst);
  }
  for (int i = 0; rc == SQLITE_OK && i < n_inst; ++i) {
    int ip = 0, ic = 0, io = 0;
    rc = api->xInst(fts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK) {
      const double w = n_val > ic ? sqlite3_value_double(val[ic]) : 1.0;
      data->freq[static_cast<size_t>(ip)] += w;
    }
  }
  double d = 0.0;
  if (rc == SQLITE_OK) {
    const int64_t held = rank->LengthOf(api->xRowid(fts));
    if (held >= 0) {
      d = static_cast<double>(held);
    } else {
      int n_tok = 0;
      rc = api->xColumnSize(fts, -1, &n_tok);
      d = static_cast<double>(n_tok);
    }
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double score = 0.0;
  for (size_t i = 0; i < data->idf.size(); ++i) {
    const double f = data->freq[i];
    score += data->idf[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * d / data->avgdl)));
  }
  sqlite3_result_double(ctx, -1.0 * score);
}

// annals_rank_all(TABLE, w0, w1, ...): every match of a query of phrases
// joined by AND ranked in its first call, into the FtsRank's sink. Rather
// than one call a match (a step of SQLite's VM, the instances of every
// phrase gathered, then bm25()'s own pass over each phrase to count its
// rows), each phrase's rows are read once (xQueryPhrase: its row count for
// the IDF and its weighted frequency in each row); the rows that hold every
// phrase are the matches, scored with bm25()'s formula, operations and order.
struct PhraseRows {
  const Fts5ExtensionApi* api;
  const FtsRank* rank;
  sqlite3_value** val;
  int n_val;
  bool want_length;                    // phrase 0's only: the rows scored are its rows
  std::vector<FtsRank::Scored>& rows;  // rowid; score: the frequency in the row
  std::vector<double>& length;
};

int CollectRow(const Fts5ExtensionApi* api, Fts5Context* fts, void* p) {
  auto* out = static_cast<PhraseRows*>(p);
  const int64_t rowid = api->xRowid(fts);
  // The weighted frequency as bm25() sums it: a column's weight per instance
  // (xInst in the whole query's row is the phrase's instances in this row:
  // no NEAR, no column filter in a conjunction).
  Fts5PhraseIter it;
  int col = 0, off = 0;
  double f = 0.0;
  int rc = api->xPhraseFirst(fts, 0, &it, &col, &off);
  if (rc != SQLITE_OK) return rc;
  for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off)) {
    f += out->n_val > col ? sqlite3_value_double(out->val[col]) : 1.0;
  }
  out->rows.push_back({rowid, f});
  if (!out->want_length) return SQLITE_OK;
  int64_t d = out->rank->LengthOf(rowid);
  if (d < 0) {
    int n_tok = 0;
    rc = api->xColumnSize(fts, -1, &n_tok);
    if (rc != SQLITE_OK) return rc;
    d = n_tok;
  }
  out->length.push_back(static_cast<double>(d));
  return SQLITE_OK;
}

void RankAll(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n_val,
             sqlite3_value** val) {
  auto* rank = static_cast<FtsRank*>(api->xUserData(fts));
  std::vector<FtsRank::Scored>* sink = rank->sink();
  if (sink == nullptr || rank->sink_done()) {  // later rows, or no sink: nothing to do
    sqlite3_result_int(ctx, 0);
    return;
  }
  const double k1 = 1.2;
  const double b = 0.75;
  const int n_phrase = api->xPhraseCount(fts);
  sqlite3_int64 n_row = 0, n_token = 0;
  int rc = api->xRowCount(fts, &n_row);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &n_token);
  for (int i = 0; i < n_phrase; ++i) {
    if (api->xPhraseSize(fts, i) <= 0) {  // not a conjunction of phrases: the caller's bm25()
      sqlite3_result_int(ctx, 0);
      return;
    }
  }
  const double avgdl = static_cast<double>(n_token) / static_cast<double>(n_row);
  std::vector<FtsRank::PhraseBuffers>& buffers = rank->phrase_buffers();
  if (buffers.size() < static_cast<size_t>(n_phrase)) buffers.resize(static_cast<size_t>(n_phrase));
  std::vector<PhraseRows> phrases;
  phrases.reserve(static_cast<size_t>(n_phrase));
  for (size_t i = 0; i < static_cast<size_t>(n_phrase); ++i) {
    buffers[i].rows.clear();
    buffers[i].length.clear();
    phrases.push_back(
        PhraseRows{api, rank, val, n_val, i == 0, buffers[i].rows, buffers[i].length});
  }
  std::vector<double> idf(static_cast<size_t>(n_phrase), 0.0);
  for (int i = 0; rc == SQLITE_OK && i < n_phrase; ++i) {
    PhraseRows& pr = phrases[static_cast<size_t>(i)];
    rc = api->xQueryPhrase(fts, i, &pr, CollectRow);
    if (rc != SQLITE_OK) break;
    const auto n_hit = static_cast<sqlite3_int64>(pr.rows.size());
    double v =
        std::log((static_cast<double>(n_row - n_hit) + 0.5) / (static_cast<double>(n_hit) + 0.5));
    if (v <= 0.0) v = 1e-6;
    idf[static_cast<size_t>(i)] = v;
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  // The rows of phrase 0 that every other phrase has (each list ascends by
  // rowid, as xQueryPhrase reads them).
  std::vector<size_t> at(static_cast<size_t>(n_phrase), 0);
  std::vector<double> freq(static_cast<size_t>(n_phrase), 0.0);
  sink->clear();
  if (n_phrase > 0) sink->reserve(phrases[0].rows.size());
  for (size_t r = 0; n_phrase > 0 && r < phrases[0].rows.size(); ++r) {
    const int64_t rowid = phrases[0].rows[r].rowid;
    freq[0] = phrases[0].rows[r].score;
    bool all = true;
    for (size_t i = 1; all && i < phrases.size(); ++i) {
      const std::vector<FtsRank::Scored>& rows = phrases[i].rows;
      size_t& a = at[i];
      while (a < rows.size() && rows[a].rowid < rowid) ++a;
      all = a < rows.size() && rows[a].rowid == rowid;
      if (all) freq[i] = rows[a].score;
    }
    if (!all) continue;
    const double d = phrases[0].length[r];
    double score = 0.0;
    for (size_t i = 0; i < idf.size(); ++i) {
      const double f = freq[i];
      score += idf[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * d / avgdl)));
    }
    sink->push_back({rowid, -1.0 * score});
  }
  rank->set_sink_done();
  sqlite3_result_int(ctx, 1);
}

// The FTS5 API of `db` (the documented way: SELECT fts5(?1) with a pointer).
fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

// A varint as SQLite and FTS5 write them (1 to 9 bytes, big-endian, 7 bits a
// byte but all 8 of the ninth); advances *p. False when the bytes run out.
bool GetVarint(const unsigned char** p, const unsigned char* end, uint64_t* v) {
  *v = 0;
  for (int i = 0; i < 9; ++i) {
    if (*p >= end) return false;
    const unsigned char c = *(*p)++;
    if (i == 8) {
      *v = (*v << 8) | c;
      return true;
    }
    *v = (*v << 7) | (c & 0x7F);
    if ((c & 0x80) == 0) return true;
  }
  return true;
}

// The lengths last read on each file and table ("file\x1ftable"), with the
// state of the table they were read in (FtsRank::TableState).
struct SharedLengths {
  std::string state;
  std::shared_ptr<const std::vector<uint32_t>> length;
};
std::mutex shared_mu;
std::map<std::string, SharedLengths>& Shared() {
  static auto* shared = new std::map<std::string, SharedLengths>;  // never destroyed
  return *shared;
}

}  // namespace

void FtsRank::SortRanked(std::vector<Scored>* rows) {
  const size_t n = rows->size();
  if (n < 2) return;
  // Each score as an unsigned key in the doubles' order (negatives' bits
  // flipped, positives' sign bit set); -0.0 taken as 0.0, as < takes it.
  // The buffers are the thread's, kept: a search's 17,000 rows would
  // otherwise fault in half a megabyte of fresh pages each time.
  thread_local std::vector<uint64_t> key, out_key;
  thread_local std::vector<Scored> out;
  key.resize(n);
  out_key.resize(n);
  out.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const double d = (*rows)[i].score + 0.0;
    uint64_t u = 0;
    std::memcpy(&u, &d, sizeof u);
    key[i] = (u >> 63) != 0 ? ~u : u | (uint64_t{1} << 63);
  }
  for (int shift = 0; shift < 64; shift += 8) {
    std::array<size_t, 257> at{};
    for (size_t i = 0; i < n; ++i) ++at[((key[i] >> shift) & 0xFF) + 1];
    if (std::find(at.begin() + 1, at.end(), n) != at.end()) continue;  // one byte value: in order
    for (size_t b = 1; b < at.size(); ++b) at[b] += at[b - 1];
    for (size_t i = 0; i < n; ++i) {
      const size_t to = at[(key[i] >> shift) & 0xFF]++;
      out[to] = (*rows)[i];
      out_key[to] = key[i];
    }
    rows->swap(out);
    key.swap(out_key);
  }
}

void FtsRank::SortTop(std::vector<Scored>* rows, size_t top) {
  const size_t n = rows->size();
  auto before = [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score < b.score : a.rowid < b.rowid;
  };
  if (top == 0 || top >= n) {
    const bool ascending =
        std::is_sorted(rows->begin(), rows->end(),
                       [](const Scored& a, const Scored& b) { return a.rowid < b.rowid; });
    if (ascending) {
      SortRanked(rows);  // stable by score: the same order
    } else {
      std::sort(rows->begin(), rows->end(), before);
    }
    return;
  }
  // A max-heap (by `before`) of the best `top` seen, as indexes: the worst
  // of them on top, which most rows do not beat.
  thread_local std::vector<uint32_t> heap;
  thread_local std::vector<uint8_t> chosen;
  thread_local std::vector<Scored> out;
  heap.clear();
  const Scored* r = rows->data();
  auto worse = [&](uint32_t a, uint32_t b) { return before(r[a], r[b]); };
  for (uint32_t i = 0; i < top; ++i) heap.push_back(i);
  std::make_heap(heap.begin(), heap.end(), worse);
  for (size_t i = top; i < n; ++i) {
    if (!before(r[i], r[heap.front()])) continue;
    std::pop_heap(heap.begin(), heap.end(), worse);
    heap.back() = static_cast<uint32_t>(i);
    std::push_heap(heap.begin(), heap.end(), worse);
  }
  std::sort_heap(heap.begin(), heap.end(), worse);  // best first
  chosen.assign(n, 0);
  out.clear();
  out.reserve(n);
  for (uint32_t i : heap) {
    chosen[i] = 1;
    out.push_back(r[i]);
  }
  for (size_t i = 0; i < n; ++i) {
    if (chosen[i] == 0) out.push_back(r[i]);
  }
  rows->swap(out);
}

Result<std::unique_ptr<FtsRank>> FtsRank::Register(sqlite3* db, std::string table) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) return Fail(ErrorCode::kDb, "this SQLite has no FTS5");
  std::unique_ptr<FtsRank> rank(new FtsRank(db, std::move(table)));
  if (api->xCreateFunction(api, "annals_bm25", rank.get(), Bm25, nullptr) != SQLITE_OK) {
    return Fail(ErrorCode::kDb, std::string("cannot register annals_bm25: ") + sqlite3_errmsg(db));
  }
  if (api->xCreateFunction(api, "annals_rank_all", rank.get(), RankAll, nullptr) != SQLITE_OK) {
    return Fail(ErrorCode::kDb,
                std::string("cannot register annals_rank_all: ") + sqlite3_errmsg(db));
  }
  return rank;
}

Result<std::pair<int64_t, int64_t>> FtsRank::StateNow() {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "PRAGMA data_version", -1, &stmt, nullptr) != SQLITE_OK) {
    return Fail(ErrorCode::kDb, sqlite3_errmsg(db_));
  }
  int64_t version = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) version = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return std::make_pair(version, static_cast<int64_t>(sqlite3_total_changes64(db_)));
}

Result<bool> FtsRank::Fresh() {
  auto now = StateNow();
  if (!now) return tl::unexpected(now.error());
  return loaded_ && *now == state_;
}

std::string FtsRank::TableState() {
  // Rows 1 (FTS5_AVERAGES_ROWID: rows and tokens per column) and 10
  // (FTS5_STRUCTURE_ROWID: the segments, and a counter of the leaves
  // written, which grows with every write) of %_data.
  const std::string sql = "SELECT id, block FROM \"" + table_ + "_data\" WHERE id IN (1, 10)";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return {};
  std::string state;
  int rows = 0;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, 1));
    const int n = sqlite3_column_bytes(stmt, 1);
    state += std::to_string(sqlite3_column_int64(stmt, 0)) + ":" + std::to_string(n) + ":";
    if (blob != nullptr) state.append(blob, static_cast<size_t>(n));
    ++rows;
  }
  sqlite3_finalize(stmt);
  return rc == SQLITE_DONE && rows == 2 ? state : std::string();
}

Status FtsRank::Load() {
  auto now = StateNow();
  if (!now) return tl::unexpected(now.error());
  // Shared only for a file (each in-memory database is its own).
  const char* file = sqlite3_db_filename(db_, "main");
  const std::string key =
      file != nullptr && file[0] != '\0' ? std::string(file) + '\x1f' + table_ : std::string();
  const std::string table_state = key.empty() ? std::string() : TableState();
  if (!table_state.empty()) {
    std::lock_guard<std::mutex> lock(shared_mu);
    auto it = Shared().find(key);
    if (it != Shared().end() && it->second.state == table_state) {
      held_ = it->second.length;
      length_ = held_->data();
      n_length_ = held_->size();
      shared_ = true;
      state_ = *now;
      loaded_ = true;
      return Ok();
    }
  }
  const std::string sql = "SELECT id, sz FROM \"" + table_ + "_docsize\"";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    return Fail(ErrorCode::kDb, sqlite3_errmsg(db_));
  }
  auto length = std::make_shared<std::vector<uint32_t>>();
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const int64_t id = sqlite3_column_int64(stmt, 0);
    const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(stmt, 1));
    const unsigned char* end = blob + sqlite3_column_bytes(stmt, 1);
    uint64_t total = 0, v = 0;
    for (const unsigned char* p = blob; p != nullptr && p < end && GetVarint(&p, end, &v);) {
      total += v;
    }
    // Rows far past the count (rowids SQLite gives only when told to) are
    // left to FTS5, as are lengths past 32 bits.
    if (id < 0 || id > 4 * (static_cast<int64_t>(length->size()) + 1024) || total >= kNone) {
      continue;
    }
    if (static_cast<size_t>(id) >= length->size()) {
      length->resize(static_cast<size_t>(id) + 1, kNone);
    }
    (*length)[static_cast<size_t>(id)] = static_cast<uint32_t>(total);
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return Fail(ErrorCode::kDb, sqlite3_errmsg(db_));
  held_ = std::move(length);
  length_ = held_->data();
  n_length_ = held_->size();
  shared_ = false;
  state_ = *now;
  loaded_ = true;
  // Read in the state table_state names (the same read transaction, which
  // the caller holds): another connection that sees that state takes it.
  if (!table_state.empty() && TableState() == table_state) {
    std::lock_guard<std::mutex> lock(shared_mu);
    Shared()[key] = SharedLengths{table_state, held_};
  }
  return Ok();
}

bool FtsRank::IsConjunction(std::string_view q) {
  bool any = false;
  size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      ++i;
      continue;
    }
    if (c == '"') {  // a phrase: "..." with "" for a quote
      for (++i;; ++i) {
        if (i >= q.size()) return false;  // not closed: FTS5's error, bm25()'s path
        if (q[i] == '"') {
          if (i + 1 < q.size() && q[i + 1] == '"') {
            ++i;
            continue;
          }
          break;
        }
      }
      ++i;
      if (i < q.size() && q[i] == '*') ++i;
      any = true;
    } else {
      // A bareword (FTS5: letters, digits, '_', any byte past ASCII), with a
      // prefix '*'; AND alone joins; anything else is structure.
      const size_t from = i;
      while (i < q.size()) {
        const auto u = static_cast<unsigned char>(q[i]);
        if (u >= 0x80 || std::isalnum(u) != 0 || u == '_') {
          ++i;
        } else {
          break;
        }
      }
      if (i == from) return false;
      const std::string_view word = q.substr(from, i - from);
      if (word == "OR" || word == "NOT" || word == "NEAR") return false;
      if (i < q.size() && q[i] == '*') {
        ++i;
      } else if (word == "AND") {
        continue;
      }
      any = true;
    }
    if (i < q.size() && q[i] != ' ' && q[i] != '\t' && q[i] != '\n' && q[i] != '"') return false;
  }
  return any;
}

}  // namespace annals::store
