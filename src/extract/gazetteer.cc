#include "src/extract/gazetteer.h"

#include <geonames.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "src/extract/lexicon.h"
#include "src/extract/tokens.h"
#include "src/text/lang_data.h"

#ifndef ANNALS_ISO_CODES_DIR
#define ANNALS_ISO_CODES_DIR "/usr/share/iso-codes/json"
#endif

namespace annals::extract {
namespace {

using nlohmann::json;

Result<json> ReadJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  json j = json::parse(ss.str(), nullptr, false);
  if (j.is_discarded()) return Fail(ErrorCode::kCorrupt, path + " is not JSON");
  return j;
}

std::string Str(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "Korea, Republic of" -> "Republic of Korea"; "Congo, The Democratic Republic
// of the" -> "Democratic Republic of the Congo"; "Holy See (Vatican City
// State)" -> "Holy See" and "Vatican City State"; names without a comma stay.
std::vector<std::string> NameForms(const std::string& iso_name) {
  std::vector<std::string> out;
  std::string name = iso_name;
  const size_t paren = name.find(" (");
  if (paren != std::string::npos && name.back() == ')') {
    // "(Vatican City State)", "(DRC)" are names; "(Republic)" only qualifies.
    const std::string inner = name.substr(paren + 2, name.size() - paren - 3);
    if (inner.find(' ') != std::string::npos || IsAcronymName(inner)) out.push_back(inner);
    name = name.substr(0, paren);
  }
  const size_t comma = name.find(", ");
  if (comma == std::string::npos) {
    out.insert(out.begin(), name);
    return out;
  }
  std::string head = name.substr(0, comma);
  std::string tail = name.substr(comma + 2);
  if (tail.rfind("The ", 0) == 0) tail = "the " + tail.substr(4);
  // "Bonaire, Sint Eustatius and Saba" lists places: keep it whole.
  if (tail.find(" of") == std::string::npos) {
    out.insert(out.begin(), name);
    return out;
  }
  out.insert(out.begin(), tail + " " + head);
  return out;
}

std::string StripThe(std::string s) {
  if (s.rfind("the ", 0) == 0 || s.rfind("The ", 0) == 0) s = s.substr(4);
  return s;
}

std::string Utf8(const UChar* s, int32_t len) {
  std::string out;
  out.resize(static_cast<size_t>(len) * 3 + 1);
  int32_t n = 0;
  UErrorCode st = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &n, s, len, &st);
  if (U_FAILURE(st)) return {};
  out.resize(static_cast<size_t>(n));
  return out;
}

struct BundleCloser {
  void operator()(UResourceBundle* b) const { ures_close(b); }
};
using Bundle = std::unique_ptr<UResourceBundle, BundleCloser>;

// key -> English display string of one table of ICU's region bundle
// ("Countries", "Countries%variant", "Countries%short").
std::vector<std::pair<std::string, std::string>> IcuRegionTable(const char* table,
                                                               const char* locale = "en") {
  std::vector<std::pair<std::string, std::string>> out;
  UErrorCode st = U_ZERO_ERROR;
  Bundle root(ures_open(U_ICUDATA_NAME "-region", locale, &st));
  if (U_FAILURE(st)) return out;
  Bundle t(ures_getByKey(root.get(), table, nullptr, &st));
  if (U_FAILURE(st)) return out;
  const int32_t n = ures_getSize(t.get());
  for (int32_t i = 0; i < n; ++i) {
    UErrorCode est = U_ZERO_ERROR;
    Bundle e(ures_getByIndex(t.get(), i, nullptr, &est));
    if (U_FAILURE(est)) continue;
    int32_t len = 0;
    const UChar* s = ures_getString(e.get(), &len, &est);
    const char* key = ures_getKey(e.get());
    if (U_FAILURE(est) || key == nullptr) continue;
    out.emplace_back(key, Utf8(s, len));
  }
  return out;
}

// The msgid -> msgstr pairs of a GNU gettext catalog (.mo), or none when the
// file is missing or not a catalog. Read by hand: gettext's dgettext answers
// only in the process's locale, and the gazetteer needs the Russian names
// whatever the user's locale is. Format: GNU gettext manual, "The Format of
// GNU MO Files" (a header of uint32s, then two tables of (length, offset)).
std::vector<std::pair<std::string, std::string>> ReadMoCatalog(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out;
  std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto u32 = [&](size_t at, bool swap) -> uint32_t {
    if (at + 4 > b.size()) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const auto byte = static_cast<uint32_t>(static_cast<unsigned char>(b[at + static_cast<size_t>(i)]));
      v |= swap ? byte << (8 * (3 - i)) : byte << (8 * i);
    }
    return v;
  };
  if (b.size() < 28) return out;
  bool swap = false;
  if (u32(0, false) != 0x950412deu) {
    if (u32(0, true) != 0x950412deu) return out;
    swap = true;
  }
  const uint32_t n = u32(8, swap), orig = u32(12, swap), trans = u32(16, swap);
  auto str = [&](uint32_t table, uint32_t i) -> std::string {
    const size_t at = size_t{table} + size_t{i} * 8;
    const uint32_t len = u32(at, swap), off = u32(at + 4, swap);
    if (size_t{off} + len > b.size()) return {};
    return b.substr(off, len);
  };
  for (uint32_t i = 0; i < n && size_t{orig} + size_t{i} * 8 + 8 <= b.size(); ++i) {
    std::string id = str(orig, i), tr = str(trans, i);
    if (id.empty() || tr.empty()) continue;
    out.emplace_back(std::move(id), std::move(tr));
  }
  return out;
}

// Length of the common prefix of two lower-case words.
size_t CommonPrefix(std::string_view a, std::string_view b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

std::string Lower(std::string_view s) {
  std::string out;
  AppendLower(s, &out);
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool IsAcronymName(std::string_view name) {
  int upper = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
    // Cyrillic: А..Я are D0 90..AF, а..п D0 B0..BF, р..я D1 80..8F.
    const auto b = static_cast<unsigned char>(c);
    if ((b == 0xD0 || b == 0xD1) && i + 1 < name.size()) {
      const auto n = static_cast<unsigned char>(name[i + 1]);
      if (b == 0xD0 && n >= 0x90 && n <= 0xAF) ++upper;
      if ((b == 0xD0 && n >= 0xB0) || (b == 0xD1 && n >= 0x80 && n <= 0x8F)) return false;
      ++i;
    }
  }
  return upper >= 2 && name.find(' ') == std::string_view::npos;
}

int Gazetteer::AddEntry(GazetteerEntry e) {
  entries_.push_back(std::move(e));
  const int index = static_cast<int>(entries_.size()) - 1;
  std::vector<std::string> names = entries_.back().names;
  for (const std::string& n : names) AddName(index, n);
  return index;
}

int Gazetteer::AddEntry(GazetteerEntry e, std::string key) {
  entries_.push_back(std::move(e));
  const int index = static_cast<int>(entries_.size()) - 1;
  const std::string name = entries_.back().names.front();
  AddName(index, name, std::move(key));
  return index;
}

void Gazetteer::AddName(int index, const std::string& name) { AddName(index, name, NameKey(name)); }

void Gazetteer::AddName(int index, const std::string& name, std::string key) {
  if (key.empty()) return;
  if (IsAcronymName(name)) key = "#" + key;
  if (!by_key_.emplace(key, index).second) return;
  GazetteerEntry& e = entries_[static_cast<size_t>(index)];
  if (std::find(e.names.begin(), e.names.end(), name) == e.names.end()) e.names.push_back(name);
  const int words = static_cast<int>(std::count(key.begin(), key.end(), ' ')) + 1;
  max_words_ = std::max(max_words_, words);
  const std::string first = key.substr(0, key.find(' '));
  int& most = first_words_[first];
  most = std::max(most, words);
}

void Gazetteer::AddAdjective(const std::string& lower, int index, int rank,
                             std::unordered_map<std::string, std::pair<int, int>>* best) {
  if (lower.size() < 4 || by_key_.count(lower) != 0) return;
  auto [it, fresh] = best->emplace(lower, std::make_pair(index, rank));
  if (fresh) return;
  if (it->second.first == index) {
    it->second.second = std::min(it->second.second, rank);
  } else if (rank < it->second.second) {
    it->second = {index, rank};
  } else if (rank == it->second.second) {
    it->second = {-1, rank};  // claimed by two states alike: ambiguous
  }
}

int Gazetteer::Find(std::string_view key) const {
  auto it = by_key_.find(key);
  return it == by_key_.end() ? -1 : it->second;
}

int Gazetteer::FindAdjective(std::string_view lower) const {
  auto it = adjectives_.find(lower);
  return it == adjectives_.end() ? -1 : it->second;
}

int Gazetteer::MaxWordsFrom(std::string_view first) const {
  auto it = first_words_.find(first);
  return it == first_words_.end() ? 0 : it->second;
}

Gazetteer Gazetteer::ForTesting(std::vector<GazetteerEntry> entries,
                                const std::vector<std::pair<std::string, int>>& adjectives) {
  Gazetteer g;
  for (GazetteerEntry& e : entries) g.AddEntry(std::move(e));
  for (const auto& [adj, index] : adjectives) g.adjectives_[adj] = index;
  return g;
}

Result<Gazetteer> Gazetteer::Load(const GazetteerOptions& options) {
  const std::string dir =
      options.iso_codes_dir.empty() ? std::string(ANNALS_ISO_CODES_DIR) : options.iso_codes_dir;
  auto iso = ReadJson(dir + "/iso_3166-1.json");
  if (!iso) return tl::unexpected(iso.error());
  auto list = iso->find("3166-1");
  if (list == iso->end() || !list->is_array()) {
    return Fail(ErrorCode::kCorrupt, dir + "/iso_3166-1.json has no \"3166-1\" list");
  }
  Gazetteer g;
  std::unordered_map<std::string, std::string> icu_name, icu_variant, icu_short;
  if (options.icu) {
    for (auto& [k, v] : IcuRegionTable("Countries")) icu_name[k] = v;
    for (auto& [k, v] : IcuRegionTable("Countries%variant")) icu_variant[k] = v;
    for (auto& [k, v] : IcuRegionTable("Countries%short")) icu_short[k] = v;
  }
  // 1. States.
  struct State {
    int index;
    std::string alpha2;
    std::string short_name;
  };
  std::vector<State> states;
  for (const json& c : *list) {
    if (!c.is_object()) continue;
    const std::string a2 = Str(c, "alpha_2");
    const std::string name = Str(c, "name");
    if (a2.empty() || name.empty()) continue;
    GazetteerEntry e{.type = EntityType::kCountry, .code = a2};
    auto add = [&](const std::string& n) {
      if (!n.empty() && std::find(e.names.begin(), e.names.end(), n) == e.names.end()) {
        e.names.push_back(n);
      }
    };
    if (auto it = icu_name.find(a2); it != icu_name.end()) add(it->second);
    add(Str(c, "common_name"));
    for (const std::string& f : NameForms(name)) add(f);
    add(StripThe(Str(c, "official_name")));
    if (auto it = icu_variant.find(a2); it != icu_variant.end()) {
      for (const std::string& f : NameForms(it->second)) add(f);
    }
    if (auto it = icu_short.find(a2); it != icu_short.end()) add(it->second);
    e.name = e.names.front();
    const std::string short_name = e.name;
    states.push_back({g.AddEntry(std::move(e)), a2, short_name});
  }
  if (auto former = ReadJson(dir + "/iso_3166-3.json"); former) {
    auto fl = former->find("3166-3");
    if (fl != former->end() && fl->is_array()) {
      for (const json& c : *fl) {
        if (!c.is_object()) continue;
        const std::string name = Str(c, "name");
        if (name.empty()) continue;
        GazetteerEntry e{.type = EntityType::kCountry, .code = "former:" + Str(c, "alpha_4")};
        size_t start = 0;
        while (start <= name.size()) {
          size_t comma = name.find(", ", start);
          std::string part = name.substr(start, comma == std::string::npos ? std::string::npos
                                                                            : comma - start);
          if (!part.empty()) e.names.push_back(part);
          if (comma == std::string::npos) break;
          start = comma + 2;
        }
        if (e.names.empty()) continue;
        // The spelled-out name is canonical ("Union of Soviet Socialist Republics").
        e.name = *std::max_element(e.names.begin(), e.names.end(),
                                   [](const std::string& a, const std::string& b) {
                                     return a.size() < b.size();
                                   });
        g.AddEntry(std::move(e));
      }
    }
  }
  // 2. Organizations that CLDR lists among regions.
  for (const char* code : {"EU", "UN"}) {
    auto it = icu_name.find(code);
    if (it == icu_name.end()) continue;
    GazetteerEntry e{.type = EntityType::kOrganization, .name = it->second,
                     .code = std::string("cldr:") + code, .names = {it->second}};
    if (auto s = icu_short.find(code); s != icu_short.end()) e.names.push_back(s->second);
    e.names.push_back(code);
    g.AddEntry(std::move(e));
  }
  // 3. World regions.
  std::vector<std::string> continents;
  for (const auto& [code, name] : icu_name) {
    if (code.empty() || code[0] < '0' || code[0] > '9' || name.empty()) continue;
    if (name[0] < 'A' || name[0] > 'Z') continue;  // "world"
    g.AddEntry({.type = EntityType::kPlace, .name = name, .code = "m49:" + code,
                .names = {name}});
    if (name.find(' ') == std::string::npos) continents.push_back(name);
  }
  for (std::string_view r : WorldRegions()) {
    const std::string n(r);
    if (g.Find(NameKey(n)) >= 0) continue;
    g.AddEntry({.type = EntityType::kPlace, .name = n, .code = "region:" + NameKey(n),
                .names = {n}});
  }
  for (const std::string& c : continents) {
    for (const char* compass : {"Northern", "Southern", "Eastern", "Western", "Central",
                                "North", "South", "East", "West"}) {
      const std::string n = std::string(compass) + " " + c;
      if (g.Find(NameKey(n)) >= 0) continue;
      g.AddEntry({.type = EntityType::kPlace, .name = n, .code = "region:" + NameKey(n),
                  .names = {n}});
    }
  }
  // 4. Cities, most populous first so that a shared name goes to the largest.
  if (options.cities) {
    struct City {
      std::string name, state, country_code;
      unsigned population;
    };
    std::vector<City> cities;
    const int n = geonames_get_n_cities();
    cities.reserve(static_cast<size_t>(std::max(n, 0)));
    for (int i = 0; i < n; ++i) {
      GeonamesCity* c = geonames_get_city(i);
      if (c == nullptr) continue;
      const char* name = geonames_city_get_name(c);
      const char* state = geonames_city_get_state(c);
      const char* cc = geonames_city_get_country_code(c);
      cities.push_back({name ? name : "", state ? state : "", cc ? cc : "",
                        geonames_city_get_population(c)});
      geonames_city_free(c);
    }
    std::stable_sort(cities.begin(), cities.end(),
                     [](const City& a, const City& b) { return a.population > b.population; });
    // Whether a city's or region's name, folded to `key`, is read as a place.
    auto usable = [](const std::string& name, const std::string& key) {
      if (name.empty()) return false;
      if (key.find(' ') != std::string::npos) return true;
      // One-word names that are common words of this lexicon are not read
      // as places ("Mission", "Police", "Union").
      // Nor the words that name kinds of states ("Republic", "Kingdom").
      for (const char* w : {"republic", "kingdom", "federation", "state", "states", "emirates",
                            "islands", "principality", "confederation", "territory"}) {
        if (key == w) return false;
      }
      return !(IsStopWord(key) || IsCalendarWord(key) || IsOrganizationHead(key) ||
               IsDocumentHead(key) || TitleKindOf(key) != TitleKind::kNone || IsEventNoun(key) ||
               IsConnector(key));
    };
    // Each name is folded once (NameKey is most of this loop's cost), and
    // the maps are sized once for the cities and their Russian names.
    g.by_key_.reserve(g.by_key_.size() + 2 * cities.size());
    g.first_words_.reserve(g.first_words_.size() + cities.size());
    for (const City& c : cities) {
      if (c.name.empty()) continue;
      std::string key = NameKey(c.name);
      if (!usable(c.name, key) || g.Find(key) >= 0) continue;
      std::string code = "geonames:" + c.country_code + ":" + key;
      g.AddEntry({.type = EntityType::kPlace, .name = c.name, .code = std::move(code),
                  .names = {c.name}},
                 std::move(key));
    }
    // A region is named by many cities: the first of them decides (a
    // region's name is usable or not, and found once it is added).
    std::unordered_set<std::string_view> regions_seen;
    for (const City& c : cities) {
      if (c.state.find(' ') == std::string::npos || regions_seen.contains(c.state)) continue;
      std::string key = NameKey(c.state);
      if (!key.empty()) regions_seen.insert(c.state);  // else not found once added
      if (!usable(c.state, key) || g.Find(key) >= 0) continue;
      std::string code = "geonames-region:" + c.country_code + ":" + key;
      g.AddEntry({.type = EntityType::kPlace, .name = c.state, .code = std::move(code),
                  .names = {c.state}},
                 std::move(key));
    }
  }
  // Russian names (issue 25): iso-codes' Russian translations of each state's
  // names, ICU's Russian region names (states and UN M.49 regions), and
  // libgeonames' Russian city names (its catalogs are keyed by GeoNames id,
  // which the library does not give for its English cities: the English
  // catalog's name of the same id finds the city). Inflected forms share the names' key
  // (NameKey folds Cyrillic words to their stems).
  {
    std::unordered_map<std::string, int> by_code;
    for (size_t i = 0; i < g.entries_.size(); ++i) by_code.emplace(g.entries_[i].code, static_cast<int>(i));
    std::unordered_map<std::string, std::string> iso_ru;
    for (auto& [id, tr] : ReadMoCatalog(options.locale_dir + "/ru/LC_MESSAGES/iso_3166-1.mo")) {
      iso_ru.emplace(std::move(id), std::move(tr));
    }
    const auto prefixes = text::LangWords("ru", "entity_state_prefixes");
    for (const json& c : *list) {
      if (!c.is_object()) continue;
      auto it = by_code.find(Str(c, "alpha_2"));
      if (it == by_code.end()) continue;
      for (const char* field : {"name", "common_name", "official_name"}) {
        auto tr = iso_ru.find(Str(c, field));
        if (tr == iso_ru.end()) continue;
        g.AddName(it->second, tr->second);
        // "Республика Кыргызстан": the state's name after a form of state.
        for (std::string_view p : prefixes) {
          const std::string lead = std::string(p) + " ";
          if (tr->second.size() > lead.size() && Lower(tr->second.substr(0, lead.size())) == lead &&
              tr->second.find(' ', lead.size()) == std::string::npos) {
            g.AddName(it->second, tr->second.substr(lead.size()));
          }
        }
      }
    }
    for (const text::LangRow& row : text::LangRows("ru", "entity_state_abbreviations")) {
      if (row.size() < 2) continue;
      if (auto it = by_code.find(std::string(row[1])); it != by_code.end()) {
        g.AddName(it->second, std::string(row[0]));
      }
    }
    if (options.icu) {
      for (auto& [k, v] : IcuRegionTable("Countries", "ru")) {
        auto it = by_code.find(k);
        if (it == by_code.end()) it = by_code.find("m49:" + k);
        if (it != by_code.end()) g.AddName(it->second, v);
      }
    }
    if (options.cities) {
      // The English catalog is keyed by the same GeoNames ids: a Russian
      // name joins the city (or region) entry of the English name of its id,
      // so that "Прага" and "Prague" are one place. An id whose English
      // name is no city or region entry here (a state's name, a name taken
      // by a common word) gives an entry of its own, as before.
      std::unordered_map<std::string, std::string> en;
      for (auto& [id, name] : ReadMoCatalog(options.locale_dir + "/en/LC_MESSAGES/geonames.mo")) {
        en.emplace(std::move(id), std::move(name));
      }
      for (auto& [id, tr] : ReadMoCatalog(options.locale_dir + "/ru/LC_MESSAGES/geonames.mo")) {
        if (g.Find(NameKey(tr)) >= 0) continue;
        if (auto it = en.find(id); it != en.end()) {
          const int city = g.Find(NameKey(it->second));
          if (city >= 0 && g.entries_[static_cast<size_t>(city)].code.starts_with("geonames")) {
            g.AddName(city, tr);
            continue;
          }
        }
        g.AddEntry({.type = EntityType::kPlace, .name = tr, .code = "geonames:" + id, .names = {tr}});
      }
    }
  }
  // State adjectives. Rank 0: official names "<Adj> Republic" and the like;
  // 1: ICU language names; 2: regular endings.
  std::unordered_map<std::string, std::pair<int, int>> best;
  for (const State& s : states) {
    for (const std::string& n : g.entries_[static_cast<size_t>(s.index)].names) {
      const size_t sp = n.find(' ');
      if (sp == std::string::npos || n.find(" of") != std::string::npos) continue;
      std::string rest = n.substr(sp + 1);
      for (const char* form : {"Republic", "Federation", "Kingdom", "Confederation",
                               "Arab Republic", "Socialist Republic", "Democratic Republic",
                               "Islamic Republic", "People's Democratic Republic"}) {
        if (rest == form) g.AddAdjective(Lower(n.substr(0, sp)), s.index, 0, &best);
      }
    }
  }
  if (options.icu) {
    const char* const* langs = uloc_getISOLanguages();
    for (int i = 0; langs != nullptr && langs[i] != nullptr; ++i) {
      UErrorCode st = U_ZERO_ERROR;
      char likely[ULOC_FULLNAME_CAPACITY] = {};
      uloc_addLikelySubtags(langs[i], likely, ULOC_FULLNAME_CAPACITY, &st);
      if (U_FAILURE(st)) continue;
      char region[ULOC_COUNTRY_CAPACITY] = {};
      uloc_getCountry(likely, region, ULOC_COUNTRY_CAPACITY, &st);
      UChar display[128];
      const int32_t len = uloc_getDisplayLanguage(langs[i], "en", display, 128, &st);
      if (U_FAILURE(st) || len <= 0) continue;
      const std::string lang = Lower(Utf8(display, len));
      for (const State& s : states) {
        if (s.alpha2 != region) continue;
        const std::string stem = Lower(s.short_name);
        if (CommonPrefix(lang, stem) >= 4 && lang.find(' ') == std::string::npos) {
          g.AddAdjective(lang, s.index, 1, &best);
        }
      }
    }
  }
  for (const State& s : states) {
    const std::string n = Lower(s.short_name);
    if (n.find(' ') != std::string::npos || n.size() < 4) continue;
    if (EndsWith(n, "stan")) g.AddAdjective(n.substr(0, n.size() - 4), s.index, 2, &best);
    if (EndsWith(n, "istan")) g.AddAdjective(n.substr(0, n.size() - 5), s.index, 2, &best);
    if (EndsWith(n, "a")) g.AddAdjective(n + "n", s.index, 2, &best);
    if (EndsWith(n, "y")) g.AddAdjective(n.substr(0, n.size() - 1) + "ian", s.index, 2, &best);
    const char last = n.back();
    if (last != 'a' && last != 'e' && last != 'i' && last != 'o' && last != 'u' && last != 'y') {
      g.AddAdjective(n + "ian", s.index, 2, &best);
      g.AddAdjective(n + "i", s.index, 2, &best);
    }
  }
  for (const auto& [adj, v] : best) {
    if (v.first >= 0) g.adjectives_[adj] = v.first;
  }
  return g;
}

}  // namespace annals::extract
