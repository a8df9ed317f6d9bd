#include "src/events/lexicon.h"

#include "src/events/chars.h"

#include <algorithm>

namespace annals::events {

WordTable::WordTable(std::string_view name) {
  for (const std::string& lang : text::Languages()) {
    for (const text::LangRow& row : text::LangRows(lang, name)) {
      if (row.empty() || row[0].empty()) continue;
      std::string_view w = row[0];
      if (w.back() == '*') {
        prefixes_.emplace_back(w.substr(0, w.size() - 1), &row);
        all_.emplace_back(w.substr(0, w.size() - 1), &row);
      } else {
        exact_.emplace(w, &row);
        all_.emplace_back(w, &row);
      }
    }
  }
  auto longer = [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); };
  std::stable_sort(prefixes_.begin(), prefixes_.end(), longer);
  std::stable_sort(all_.begin(), all_.end(), longer);
}

const text::LangRow* WordTable::Find(std::string_view lower) const {
  if (lower.empty()) return nullptr;
  if (auto it = exact_.find(lower); it != exact_.end()) return it->second;
  for (const auto& [p, row] : prefixes_) {
    if (lower.starts_with(p)) return row;
  }
  return nullptr;
}

const text::LangRow* WordTable::FindPhrase(std::string_view lower_text, size_t* len) const {
  for (const auto& [p, row] : all_) {
    if (!lower_text.starts_with(p)) continue;
    const bool prefix = row->front().back() == '*';
    size_t e = p.size();
    if (prefix) {
      while (e < lower_text.size() && chars::IsWordByte(lower_text[e])) ++e;
    } else if (e < lower_text.size() && chars::IsWordByte(lower_text[e]) &&
               chars::IsWordByte(p.back())) {
      continue;  // "мая" is not the start of "маяк"
    }
    *len = e;
    return row;
  }
  return nullptr;
}

}  // namespace annals::events
