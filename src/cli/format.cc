#include "src/cli/format.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <map>

#include "annals/archive.h"
#include "src/common/text.h"

namespace annals::cli {

CLI::Option* AddFormatOption(CLI::App* cmd, Format* out, const std::vector<std::string>& allowed) {
  static const std::map<std::string, Format> kAll = {{"table", Format::kTable},
                                                     {"json", Format::kJson},
                                                     {"jsonl", Format::kJsonl},
                                                     {"csv", Format::kCsv},
                                                     {"ics", Format::kIcs}};
  *out = kAll.at(allowed.front());
  std::string names;
  for (const std::string& a : allowed) names += (names.empty() ? "" : "|") + a;
  return cmd
      ->add_option_function<std::string>(
          "--format", [out](const std::string& v) { *out = kAll.at(v); },
          "output format (default " + allowed.front() + ")")
      ->check(CLI::IsMember(allowed).description(""))
      ->option_text(names);
}

std::string Ellipsize(const std::string& s, size_t max) {
  if (text::CodePoints(s) <= max) return s;
  std::string out;
  size_t cps = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (cps + 1 == max) break;
      ++cps;
    }
    out.push_back(s[i]);
  }
  return out + "…";
}

void PrintTable(std::ostream& out, const Table& table, size_t max_cell) {
  // Cells are cut to fit a terminal; into a file or a pipe they go whole.
  if (&out == &std::cout && !isatty(STDOUT_FILENO)) max_cell = SIZE_MAX;
  std::vector<size_t> width(table.header.size(), 0);
  auto cell = [&](const std::string& s) {
    std::string one = text::Squeeze(s);
    return Ellipsize(one, max_cell);
  };
  for (size_t c = 0; c < table.header.size(); ++c) width[c] = text::CodePoints(table.header[c]);
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : table.rows) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < table.header.size(); ++c) {
      cells.push_back(c < r.size() ? cell(r[c]) : "");
      width[c] = std::max(width[c], text::CodePoints(cells.back()));
    }
    rows.push_back(std::move(cells));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
      out << cells[c];
      if (c + 1 < cells.size()) out << std::string(width[c] - text::CodePoints(cells[c]) + 2, ' ');
    }
    out << "\n";
  };
  line(table.header);
  for (const auto& r : rows) line(r);
}

void PrintCsv(std::ostream& out, const Table& table) {
  auto field = [](const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
      if (c == '"') q += '"';
      q += c;
    }
    return q + "\"";
  };
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) out << (c ? "," : "") << field(cells[c]);
    out << "\r\n";
  };
  line(table.header);
  for (const auto& r : table.rows) line(r);
}

void PrintJson(std::ostream& out, const nlohmann::json& items, Format format) {
  if (format == Format::kJsonl) {
    for (const auto& item : items) {
      out << item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  } else {
    out << items.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

void WarnIfKnowledgeStale(Archive& archive) {
  auto stale = archive.KnowledgeStale();
  if (stale && *stale) {
    std::fprintf(stderr,
                 "annals: note: the entities, facts and events do not cover the latest stories; "
                 "run `annals relate` to rebuild them\n");
  }
}

}  // namespace annals::cli
