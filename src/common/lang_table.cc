#include "src/common/lang_table.h"

#include "src/common/text.h"

#include <map>
#include <set>
#include <utility>

namespace annals::lang {
namespace {

struct Tables {
  // (lang, name) -> rows
  std::map<std::pair<std::string, std::string>, std::vector<Row>, std::less<>> rows;
  std::vector<std::string> languages;  // folders with a `language` table
  std::vector<std::string> folders;
};

const Tables& AllTables() {
  static const Tables tables = [] {
    Tables t;
    std::set<std::string> langs, folders;
    for (const EmbeddedTable& e : EmbeddedTables()) {
      t.rows[{std::string(e.lang), std::string(e.name)}] = ParseRows(e.bytes);
      folders.insert(std::string(e.lang));
      if (e.name == "language") langs.insert(std::string(e.lang));
    }
    t.languages.assign(langs.begin(), langs.end());
    t.folders.assign(folders.begin(), folders.end());
    return t;
  }();
  return tables;
}

}  // namespace

std::vector<Row> ParseRows(std::string_view bytes) {
  std::vector<Row> out;
  for (std::string_view line : text::SplitLines(bytes)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (text::Trim(line).empty() || line.front() == '#') continue;
    Row row;
    size_t at = 0;
    while (true) {
      size_t tab = line.find('\t', at);
      row.push_back(
          line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
      if (tab == std::string_view::npos) break;
      at = tab + 1;
    }
    out.push_back(std::move(row));
  }
  return out;
}

const std::vector<Row>& Rows(std::string_view lang, std::string_view name) {
  static const std::vector<Row> kNone;
  const Tables& t = AllTables();
  auto it = t.rows.find(std::pair<std::string, std::string>(lang, name));
  return it == t.rows.end() ? kNone : it->second;
}

const std::vector<std::string>& Languages() { return AllTables().languages; }

const std::vector<std::string>& Folders() { return AllTables().folders; }

}  // namespace annals::lang
