#include "src/cli/format.h"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "annals/archive.h"
#include "src/common/date.h"
#include "src/common/printable.h"
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

bool CutForTerminal(bool wide) { return !wide && isatty(STDOUT_FILENO); }

std::unordered_map<std::string, std::string> StoryPages(const std::vector<Story>& stories) {
  std::unordered_map<std::string, std::string> pages;
  for (const Story& s : stories) {
    if (!s.sources.empty()) pages.emplace(s.id, s.sources.front().page);
  }
  return pages;
}

void PrintTable(std::ostream& out, const Table& table, size_t max_cell) {
  // Cells are cut to fit a terminal; into a file or a pipe they go whole.
  if (&out == &std::cout && !isatty(STDOUT_FILENO)) max_cell = SIZE_MAX;
  std::vector<size_t> width(table.header.size(), 0);
  auto cell = [&](const std::string& s) {
    // Cells hold what pages said (names, page addresses): escaped for the terminal.
    std::string one = text::Printable(text::Squeeze(s), SIZE_MAX);
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

void JsonArrayOut::Add(const nlohmann::json& item) {
  if (lines_) {
    out_ << item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  out_ << (empty_ ? "[\n" : ",\n");
  empty_ = false;
  // An item inside the array is indented 2 more: each of its lines (the
  // dump escapes a newline inside a string, so lines are the dump's own).
  const std::string one = item.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  size_t from = 0;
  while (from <= one.size()) {
    size_t nl = one.find('\n', from);
    if (nl == std::string::npos) nl = one.size();
    out_ << "  " << std::string_view(one).substr(from, nl - from);
    if (nl < one.size()) out_ << "\n";
    from = nl + 1;
  }
}

void JsonArrayOut::Close() {
  if (!lines_) out_ << (empty_ ? "[]\n" : "\n]\n");
}

CLI::Validator WholeNumber(uint64_t min, uint64_t max) {
  const std::string range =
      "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& v) -> std::string {
        uint64_t n = 0;
        bool ok = !v.empty() && v.size() <= 19;
        for (char c : v) {
          ok = ok && c >= '0' && c <= '9';
          if (ok) n = n * 10 + static_cast<uint64_t>(c - '0');
        }
        if (ok && n >= min && n <= max) return "";
        return "\"" + Shown(v, 40) + "\" is not " + range;
      },
      "", "WholeNumber");
}

CLI::Validator CalendarDate(bool partial) {
  const std::string form = partial ? "YYYY, YYYY-MM or YYYY-MM-DD" : "YYYY-MM-DD";
  return CLI::Validator(
      [partial, form](std::string& v) -> std::string {
        auto digits = [&](size_t at, size_t n) {
          int x = 0;
          for (size_t i = at; i < at + n; ++i) {
            if (i >= v.size() || v[i] < '0' || v[i] > '9') return -1;
            x = x * 10 + (v[i] - '0');
          }
          return x;
        };
        const int y = digits(0, 4);
        bool ok = y >= 1;
        if (v.size() == 4) {
          ok = ok && partial;
        } else if (v.size() == 7 || v.size() == 10) {
          const int m = digits(5, 2);
          ok = ok && v[4] == '-' && m >= 1 && m <= 12 && (partial || v.size() == 10);
          if (ok && v.size() == 10) {
            const int d = digits(8, 2);
            ok = v[7] == '-' && d >= 1 && d <= date::DaysInMonth(y, m);
          }
        } else {
          ok = false;
        }
        return ok ? "" : "\"" + Shown(v, 40) + "\" is not a date " + form;
      },
      "", "CalendarDate");
}

CLI::Option* AddCountOption(CLI::App* cmd, const std::string& name, int* out,
                            const std::string& description, int min, int max) {
  return cmd->add_option(name, *out, description)
      ->check(WholeNumber(static_cast<uint64_t>(min), static_cast<uint64_t>(max)))
      ->capture_default_str();
}

std::string Shown(std::string_view s, size_t max_code_points) {
  return text::Printable(s, max_code_points);
}

int ReportError(const std::string& what, const std::string& message) {
  // A damaged archive is said so first, whatever the command was doing.
  if (message.starts_with("the archive is damaged")) {
    std::fprintf(stderr, "annals: %s\n", Shown(message, 400).c_str());
    return kExitFailure;
  }
  std::fprintf(stderr, "annals: %s: %s\n", Shown(what, 200).c_str(), Shown(message, 400).c_str());
  return kExitFailure;
}

Result<std::unique_ptr<Archive>> OpenArchiveFile(const std::string& path, Access access,
                                                 bool must_exist) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  const std::string shown = Shown(path);
  if (fs::is_directory(st)) {
    return Fail(ErrorCode::kInvalidInput,
                shown + " is a folder; --db names the archive file in it, such as " +
                    Shown((fs::path(path) / "annals.db").string()));
  }
  const bool exists = fs::exists(st);
  if (!exists && (must_exist || access == Access::kRead)) {
    return Fail(ErrorCode::kNotFound,
                "no archive at " + shown + " (run `annals ingest` first, or pass --db)");
  }
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  auto denied = [&](const std::string& what) {
    return Fail(ErrorCode::kIo, what + ": " + std::strerror(errno));
  };
  if (exists && ::access(path.c_str(), R_OK) != 0) return denied("cannot read " + shown);
  if (access == Access::kRead) return Archive::OpenReadOnly(path);
  if (!fs::is_directory(dir, ec)) {
    return Fail(ErrorCode::kNotFound, "no folder " + Shown(dir.string()) + " for the archive");
  }
  if (exists && ::access(path.c_str(), W_OK) != 0) return denied("cannot write " + shown);
  if (::access(dir.c_str(), W_OK) != 0) {
    return denied("cannot write in " + Shown(dir.string()) +
                  (exists ? ", where the archive keeps its journal (-wal, -shm)" : ""));
  }
  auto archive = Archive::Open(path);
  if (archive) {
    (*archive)->OnWait(
        [](const std::string& m) { std::fprintf(stderr, "annals: %s\n", Shown(m, 400).c_str()); });
  }
  return archive;
}

void WarnIfKnowledgeStale(Archive& archive) {
  auto stale = archive.KnowledgeStale();
  if (stale && *stale) {
    std::fprintf(stderr,
                 "annals: note: the entities, facts and events do not cover the latest stories; "
                 "run `annals relate` to rebuild them\n");
  }
}

Result<std::unique_ptr<Archive>> OpenSnapshot(const std::string& path, bool reads_knowledge) {
  auto archive = OpenArchiveFile(path, Access::kRead, true);
  if (!archive) return archive;
  if (auto held = (*archive)->HoldSnapshot(); !held) return tl::unexpected(held.error());
  if (reads_knowledge) WarnIfKnowledgeStale(**archive);
  return archive;
}

Result<ArchiveData> LoadArchive(const std::string& path) {
  auto archive = OpenArchiveFile(path, Access::kRead, true);
  if (!archive) return tl::unexpected(archive.error());
  WarnIfKnowledgeStale(**archive);
  return (*archive)->Export();
}

}  // namespace annals::cli
