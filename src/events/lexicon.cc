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
        const std::string_view p = w.substr(0, w.size() - 1);
        (p.size() >= 2 ? prefixes_[Key(p)] : short_prefixes_).emplace_back(p, &row);
        all_.emplace_back(p, &row);
      } else {
        exact_.emplace(w, &row);
        all_.emplace_back(w, &row);
      }
    }
  }
  auto longer = [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); };
  for (auto& [key, list] : prefixes_) std::stable_sort(list.begin(), list.end(), longer);
  std::stable_sort(short_prefixes_.begin(), short_prefixes_.end(), longer);
  std::stable_sort(all_.begin(), all_.end(), longer);
}

const text::LangRow* WordTable::Find(std::string_view lower) const {
  if (lower.empty()) return nullptr;
  if (auto it = exact_.find(lower); it != exact_.end()) return it->second;
  if (lower.size() >= 2) {
    if (auto it = prefixes_.find(Key(lower)); it != prefixes_.end()) {
      for (const auto& [p, row] : it->second) {
        if (lower.starts_with(p)) return row;
      }
    }
  }
  for (const auto& [p, row] : short_prefixes_) {
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
