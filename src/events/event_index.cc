// The entities' names indexed by their first words, and found in a text.
#include "src/events/event_builder_internal.h"

namespace annals::events::event_internal {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (text::EqualsIgnoreCase(w, x)) return true;
  }
  return false;
}

std::vector<WordSpan> SplitWords(std::string_view s) {
  std::vector<WordSpan> out;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsWordByte(s[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < s.size() &&
           (IsWordByte(s[i]) || (s[i] == '-' && i + 1 < s.size() && IsWordByte(s[i + 1])))) {
      ++i;
    }
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
  }
  return out;
}

void AppendLower(std::string_view w, std::string* key) {
  for (char c : w) {
    if (chars::IsHigh(c)) {
      key->append(chars::LowerUtf8(w));
      return;
    }
  }
  for (char c : w) key->push_back(Lower(c));
}

std::string NameKey(std::string_view s) {
  std::string key;
  for (const WordSpan& w : SplitWords(s)) {
    if (!key.empty()) key.push_back(' ');
    AppendLower(s.substr(w.begin, w.end - w.begin), &key);
  }
  return key;
}

int YearInName(std::string_view name) {
  for (size_t i = 0; i + 4 <= name.size(); ++i) {
    if (i > 0 && IsWordByte(name[i - 1]) && !(name[i - 1] == '-')) {
      if (name[i - 1] >= '0' && name[i - 1] <= '9') continue;
    }
    bool digits = true;
    for (size_t k = 0; k < 4; ++k) digits = digits && name[i + k] >= '0' && name[i + k] <= '9';
    if (!digits || (i + 4 < name.size() && name[i + 4] >= '0' && name[i + 4] <= '9')) continue;
    if (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') continue;
    int y = (name[i] - '0') * 1000 + (name[i + 1] - '0') * 100 + (name[i + 2] - '0') * 10 +
            (name[i + 3] - '0');
    if (y >= 1900 && y <= 2099) return y;
  }
  return 0;
}

Result<Index> BuildIndex(std::span<const StoryHead> stories, std::span<const Entity> entities,
                         const extract::MentionSource& mentions) {
  Index ix;
  ix.entities = entities;
  ix.stories = stories;
  for (uint32_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    ix.name_year.push_back(YearInName(e.name));
    ix.country_of.push_back(kNone);
    if (e.type == EntityType::kCountry) {
      ix.country_of.back() = static_cast<uint32_t>(ix.countries.size());
      ix.countries.push_back(i);
      // Demonym reads the names and aliases, in this order.
      std::string names;
      RecordWriter w(&names);
      w.Uint(e.aliases.size());
      w.Bytes(e.name);
      for (const std::string& a : e.aliases) w.Bytes(a);
      ix.countries_digest = text::Hash64(names, ix.countries_digest);
    }
    auto add = [&](std::string_view name) {
      std::string key = NameKey(name);
      if (key.size() < 2) return;
      ix.first_words.insert(key.substr(0, key.find(' ')));
      auto [it, inserted] = ix.names.emplace(key, i);
      if (!inserted && it->second != i) it->second = kNone;
      ix.max_name_words = std::max(
          ix.max_name_words, static_cast<size_t>(std::count(key.begin(), key.end(), ' ') + 1));
    };
    add(e.name);
    for (const std::string& a : e.aliases) add(a);
  }
  std::vector<uint32_t> seen_in(entities.size()), seen_last(entities.size(), kNone);
  std::unique_ptr<extract::MentionCursor> cursor = mentions.Open();
  std::vector<MentionRef> raw;
  for (uint32_t si = 0; si < stories.size(); ++si) {
    if (auto st = cursor->Next(si, &raw); !st) return tl::unexpected(st.error());
    for (const Ment& m : ix.MentionsOf(si, raw)) {
      if (seen_last[m.entity] != si) {
        seen_last[m.entity] = si;
        ++seen_in[m.entity];
      }
    }
  }
  const double n = static_cast<double>(stories.size());
  ix.ubiquitous.resize(entities.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    const double c = static_cast<double>(seen_in[i]);
    ix.ubiquitous[i] = c >= kUbiquitousMinStories && c > kUbiquitousShare * n;
  }
  return ix;
}

std::vector<Ment> FindNames(std::string_view s, const Index& ix) {
  std::vector<Ment> out;
  std::vector<WordSpan> words = SplitWords(s);
  size_t i = 0;
  std::string first;
  while (i < words.size()) {
    bool found = false;
    first.clear();
    AppendLower(s.substr(words[i].begin, words[i].end - words[i].begin), &first);
    if (!ix.first_words.count(first)) {
      ++i;
      continue;
    }
    for (size_t n = std::min(ix.max_name_words, words.size() - i); n >= 1; --n) {
      std::string key;
      for (size_t k = i; k < i + n; ++k) {
        if (!key.empty()) key.push_back(' ');
        AppendLower(s.substr(words[k].begin, words[k].end - words[k].begin), &key);
      }
      auto it = ix.names.find(key);
      if (it != ix.names.end() && it->second != kNone) {
        out.push_back({words[i].begin, words[i + n - 1].end, it->second});
        i += n;
        found = true;
        break;
      }
    }
    if (!found) ++i;
  }
  return out;
}

int RankPlace(EntityType t) {
  switch (t) {
    case EntityType::kPlace:
      return 3;
    case EntityType::kOrganization:
      return 2;
    case EntityType::kCountry:
      return 1;
    default:
      return 0;
  }
}

}  // namespace annals::events::event_internal
