// fts_rank: BM25 over an FTS5 table exactly as FTS5's bm25() computes it
// (same formula, same operations in the same order, so the same doubles),
// with each row's length in tokens read from memory rather than from the
// table's %_docsize: bm25() seeks that B-tree once per match, 0.4 of its
// 0.85 us a match on a 20,000-story archive, and a broad word's first
// search ranks every match (86,000 at 100,000 stories).
//
// FtsRank registers the auxiliary function annals_bm25(TABLE, weights...)
// on a connection. Lengths() loads the rows' lengths from TABLE_docsize;
// the function uses them for the rows they cover and asks FTS5
// (xColumnSize) for any other, so an out-of-date copy only costs time for
// rows added since, but a changed row would be scored with its old length:
// the caller reloads whenever the archive may have changed (Fresh()).
//
// The lengths read are shared by every FtsRank of the process on the same
// file and table (the server's pool of connections): Load() first reads
// FTS5's averages and structure records (%_data rows 1 and 10: the row
// count, the token totals and the segments with their write counter, which
// every write to the table changes) and takes the copy another connection
// read in the same state instead of reading %_docsize again (20,000 rows:
// 4 ms a connection; 100,000: 20 ms).
// Thread safety: as the connection it is registered on (one thread at a
// time); the shared copies are behind a mutex and never changed once read.
#pragma once

#include "annals/archive.h"
#include "annals/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace annals::store {

class FtsRank {
 public:
  // Registers annals_bm25 on `db`, which must outlive the returned object's
  // use (the function's calls); the object must outlive `db`'s statements
  // that call it. Errors: kDb when FTS5 is missing.
  static Result<std::unique_ptr<FtsRank>> Register(sqlite3* db, std::string table);
  FtsRank(const FtsRank&) = delete;
  FtsRank& operator=(const FtsRank&) = delete;

  // True when the lengths held were read in the state the connection now
  // sees: no commit by another connection (PRAGMA data_version) and no
  // change by this one (sqlite3_total_changes64) since. REQUIRES: inside a
  // read transaction, so that the answer holds for the statements after it.
  Result<bool> Fresh();
  // Reads every row's length (the sum of its columns' tokens) again, or
  // takes the copy of another FtsRank on the same file that read them in the
  // same state of the table.
  Status Load();
  // True when the last Load() took another connection's copy.
  bool shared() const { return shared_; }

  // A match and its score (bm25()'s, with the weights given).
  // (The archive's RankedRow: the sink is the ranking returned.)
  using Scored = RankedRow;
  // True when the FTS5 expression `fts_query` is phrases (words, "quoted",
  // prefix*) joined by AND, written or implicit: no OR, NOT, NEAR, column
  // filter or group. Its matches are the rows that hold every phrase, which
  // annals_rank_all ranks in one call (the others: bm25() or annals_bm25
  // a match).
  static bool IsConjunction(std::string_view fts_query);
  // annals_rank_all(TABLE, weights...), called in a statement
  // "SELECT annals_rank_all(TABLE, ...) FROM TABLE WHERE TABLE MATCH ?
  // LIMIT 1" with a sink set, writes every match of a conjunction and its
  // score (bm25()'s doubles) into the sink, unordered by score, ascending by
  // rowid, and sets sink_done(); it returns 1 then, 0 when it ranked nothing
  // (a phrase of no token: the caller ranks with bm25()). A query without a
  // match calls it never: the sink stays empty and sink_done() false.
  // Orders the sink's rows as a ranking: by score, ties by rowid, given them
  // ascending by rowid (as annals_rank_all writes them). A stable radix
  // sort on the scores' bits: the order of std::sort with the comparator
  // (score, rowid), at a third of its time for 17,000 rows.
  static void SortRanked(std::vector<Scored>* rows);
  // As SortRanked for the first `top` rows only (all of them when `top` is
  // 0 or not below their count): the `top` best by (score, rowid), in that
  // order, first; the others after them in the order given (so ascending by
  // rowid when given so), each ranking after every row of the first `top`.
  // A page shows 20 of 17,000 matches: one pass keeping the best `top` in a
  // bounded heap instead of ordering them all.
  static void SortTop(std::vector<Scored>* rows, size_t top);
  void SetSink(std::vector<Scored>* sink) {
    sink_ = sink;
    sink_done_ = false;
  }
  std::vector<Scored>* sink() const { return sink_; }
  bool sink_done() const { return sink_done_; }
  void set_sink_done() { sink_done_ = true; }

  // For the function: a phrase's rows and lengths, kept between calls on
  // this connection (a search of 17,000 matches allocated and faulted in
  // 400 KB of them each time).
  struct PhraseBuffers {
    std::vector<Scored> rows;
    std::vector<double> length;
  };
  std::vector<PhraseBuffers>& phrase_buffers() { return phrase_buffers_; }

  // For the function: the length of row `rowid`, or -1 when not held.
  int64_t LengthOf(int64_t rowid) const {
    if (rowid < 0 || static_cast<uint64_t>(rowid) >= n_length_) return -1;
    const uint32_t n = length_[static_cast<size_t>(rowid)];
    return n == kNone ? int64_t{-1} : static_cast<int64_t>(n);
  }

 private:
  FtsRank(sqlite3* db, std::string table) : db_(db), table_(std::move(table)) {}
  Result<std::pair<int64_t, int64_t>> StateNow();
  // The bytes of FTS5's averages and structure records as this connection
  // sees them now; "" when they cannot be read (nothing is shared then).
  std::string TableState();

  static constexpr uint32_t kNone = 0xFFFFFFFF;
  sqlite3* db_;
  std::string table_;
  std::shared_ptr<const std::vector<uint32_t>> held_;  // by rowid; kNone: no such row
  const uint32_t* length_ = nullptr;                   // held_'s data
  size_t n_length_ = 0;
  bool shared_ = false;
  std::vector<Scored>* sink_ = nullptr;
  bool sink_done_ = false;
  std::vector<PhraseBuffers> phrase_buffers_;
  bool loaded_ = false;
  std::pair<int64_t, int64_t> state_{-1, -1};  // data_version, total changes
};

}  // namespace annals::store
