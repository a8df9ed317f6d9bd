// Sources: the inputs a user names (files, directories, "-" for stdin,
// WARC archives) turned into Pages.
// Thread safety: reentrant; the sink is called on the calling thread.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "annals/options.h"
#include "annals/result.h"
#include "src/ingest/page.h"

namespace annals::ingest {

struct InputProblem {
  std::string name;
  std::string reason;
};

// Expands `inputs` into the list of files to read: a directory gives every
// regular file under it (recursively, sorted by path, hidden entries
// skipped; a symbolic link to a file by the file's canonical path), "-"
// stays "-". A path that does not exist or cannot be listed, or a file
// listed already (named twice), is appended to *problems and left out. With `regular`, (*regular)[i]
// tells whether the i-th path was a regular file when listed (as a
// directory's entry, or named), so that a reader need not ask again.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      std::vector<InputProblem>* problems,
                                      std::vector<bool>* regular = nullptr);

// What ReadInput saw beyond pages.
struct ReadStats {
  int records = 0;          // WARC records read
  std::vector<std::pair<std::string, int>> records_skipped;  // reason -> count
};

// Reads one expanded input and calls `sink` for each page in it: one page
// for a plain file or stdin, one per HTML/text response record for a WARC
// (gzipped or not). Errors: kIo when the file cannot be read; kInvalidInput
// when it is larger than options.max_page_bytes (non-WARC); for a damaged
// WARC, the pages before the damage are delivered and then the error.
Status ReadInput(const std::string& path, const ReadOptions& options,
                 const std::function<void(Page&&)>& sink, ReadStats* stats);

// Adds n to the count of `reason` in `counts` (a list of reason -> count).
void AddCount(std::vector<std::pair<std::string, int>>* counts, const std::string& reason, int n);

// Reads a whole file (or stdin for "-"), at most max_bytes.
Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes);

}  // namespace annals::ingest
