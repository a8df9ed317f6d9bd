// Output helpers shared by the subcommands: the --format choice, the
// table, CSV and JSON writers, and the note on a stale archive.
// Thread safety: reentrant.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace CLI {
class App;
class Option;
}

namespace annals {
class Archive;
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
void PrintTable(std::ostream& out, const Table& table, size_t max_cell = 60);
void PrintCsv(std::ostream& out, const Table& table);

// Prints `items` (a JSON array) as one JSON document (kJson) or one object a line (kJsonl).
void PrintJson(std::ostream& out, const nlohmann::json& items, Format format);

// Says on stderr when the archive's entities, facts and events do not cover
// its latest stories (an ingest --stories-only, or one that stopped before
// relating), and how to bring them up to date.
void WarnIfKnowledgeStale(Archive& archive);

// Cuts valid UTF-8 to at most `max` code points, adding "…" when cut.
std::string Ellipsize(const std::string& s, size_t max);

}  // namespace annals::cli
