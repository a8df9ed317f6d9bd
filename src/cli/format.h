// Output helpers shared by the subcommands: the --format choice, the
// table, CSV and JSON writers, and the note on a stale archive.
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "annals/result.h"

namespace CLI {
class App;
class Option;
class Validator;
}

namespace annals {
class Archive;
struct ArchiveData;
struct Story;
}

namespace annals::cli {

enum class Format { kTable, kJson, kJsonl, kCsv, kIcs };

// Adds `--format` to `cmd` accepting the given names; *out receives the choice.
CLI::Option* AddFormatOption(CLI::App* cmd, Format* out, const std::vector<std::string>& allowed);

// A table: a header row and rows of cells. Table output pads columns and,
// on a terminal (std::cout to a tty), cuts cells to `max_cell` code points;
// CSV follows RFC 4180.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
// `max_cell` kWholeCells: never cut (annals --wide).
inline constexpr size_t kWholeCells = SIZE_MAX;
void PrintTable(std::ostream& out, const Table& table, size_t max_cell = 60);
// True when text written to std::cout may be cut to fit: a terminal, and no --wide.
bool CutForTerminal(bool wide);
void PrintCsv(std::ostream& out, const Table& table);

// Story id -> the page it was read from (its article's, else its first
// teaser's page): for the --pages column of posts, profile and timeline.
std::unordered_map<std::string, std::string> StoryPages(const std::vector<Story>& stories);

// Prints `items` (a JSON array) as one JSON document (kJson) or one object a line (kJsonl).
void PrintJson(std::ostream& out, const nlohmann::json& items, Format format);
// Writes a JSON array item by item, byte for byte as PrintJson writes it
// whole (kJson: indented by 2; kJsonl: one item a line), without holding it
// (annals posts at 100,000 stories writes 827 MB).
class JsonArrayOut {
 public:
  JsonArrayOut(std::ostream& out, Format format) : out_(out), lines_(format == Format::kJsonl) {}
  void Add(const nlohmann::json& item);
  void Close();  // after the last Add

 private:
  std::ostream& out_;
  bool lines_;
  bool empty_ = true;
};

// Says on stderr when the archive's entities, facts and events do not cover
// its latest stories (an ingest --stories-only, or one that stopped before
// relating), and how to bring them up to date.
void WarnIfKnowledgeStale(Archive& archive);

// ---- Option validation, shared by every command -------------------------
// Exit codes of the whole CLI (README "Exit codes"): 0 done, 1 failed, 2 the
// command line is wrong (usage), 130 / 143 stopped by SIGINT / SIGTERM.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// A whole number written in decimal digits, without sign, in [min, max]
// ("-1", "1e3", "12abc" and values past max are refused, with the range).
CLI::Validator WholeNumber(uint64_t min, uint64_t max);
// A calendar date YYYY-MM-DD (month 1-12, a day the month has); with
// `partial`, also YYYY and YYYY-MM.
CLI::Validator CalendarDate(bool partial);

// Adds an int option `name` holding a whole number in [min, max].
CLI::Option* AddCountOption(CLI::App* cmd, const std::string& name, int* out,
                            const std::string& description, int min, int max);

// Input (file names, WARC addresses, queries) made safe and short to print:
// control characters escaped, the middle of long text cut (text::Printable).
std::string Shown(std::string_view s, size_t max_code_points = 200);

// Prints "annals: WHAT: MESSAGE" on stderr, the message made safe (Shown,
// at most 400 code points), and returns kExitFailure.
int ReportError(const std::string& what, const std::string& message);

// Opens the archive at `path` (--db). kRead: it must exist, and is opened
// read-only (reads work in a read-only folder); kWrite: created if absent
// unless `must_exist`. A failure names its real cause: a folder given for the
// file, a missing folder, no permission to read or write the file or its
// folder (where SQLite keeps its -wal and -shm files).
enum class Access { kRead, kWrite };
Result<std::unique_ptr<Archive>> OpenArchiveFile(const std::string& path, Access access,
                                                 bool must_exist);

// Opens the archive at `path` for a command that reads it in several steps
// (the stories without their texts, then the texts it shows; a listing and
// its total): read-only, with one snapshot held for all of them
// (Archive::HoldSnapshot, issue 24) until the archive is closed. With
// `reads_knowledge`, the note of WarnIfKnowledgeStale is printed.
Result<std::unique_ptr<Archive>> OpenSnapshot(const std::string& path, bool reads_knowledge);

// The whole archive at `path` (Archive::Export), read-only, with the note of
// WarnIfKnowledgeStale.
Result<ArchiveData> LoadArchive(const std::string& path);

// Cuts valid UTF-8 to at most `max` code points, adding "…" when cut.
std::string Ellipsize(const std::string& s, size_t max);

}  // namespace annals::cli
