// Word lists of the events stage, read from the language data tables
// (data/lang/LANG/NAME.tsv, src/text/lang_data.h): month names, relative
// dates, event words, abbreviations. A table is looked up by a lower-case
// word; a first column ending in '*' is a prefix ("заседани*" stands for
// every case of the noun), a first column with spaces a phrase.
// Thread safety: immutable after construction; the tables live as long as
// the program.
#pragma once

#include "src/text/lang_data.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace annals::events {

class WordTable {
 public:
  // The rows of table `name` of every language that has one.
  explicit WordTable(std::string_view name);

  // The row of a lower-case word: the exact one, else the one of its longest
  // prefix; null when none.
  const text::LangRow* Find(std::string_view lower) const;
  bool Contains(std::string_view lower) const { return Find(lower) != nullptr; }

  // The row of the longest phrase (or word) that `lower_text` starts with,
  // ending where a letter or digit does not follow; its byte length in *len.
  const text::LangRow* FindPhrase(std::string_view lower_text, size_t* len) const;

  bool empty() const { return exact_.empty() && prefixes_.empty(); }

 private:
  using Prefixes = std::vector<std::pair<std::string_view, const text::LangRow*>>;
  static uint16_t Key(std::string_view w) {
    return static_cast<uint16_t>(static_cast<unsigned char>(w[0]) << 8 |
                                 static_cast<unsigned char>(w[1]));
  }
  std::unordered_map<std::string_view, const text::LangRow*> exact_;
  // By their first two bytes (a Cyrillic letter), longest first; shorter
  // ones apart.
  std::unordered_map<uint16_t, Prefixes> prefixes_;
  Prefixes short_prefixes_;
  std::vector<std::pair<std::string_view, const text::LangRow*>> all_;  // longest first
};

// The column `k` of a row, or "" where the row is shorter.
inline std::string_view Column(const text::LangRow& row, size_t k) {
  return k < row.size() ? row[k] : std::string_view();
}

}  // namespace annals::events
