// Gazetteer: the names of states, cities, regions and the few organizations
// that packaged data knows, keyed by their folded form (NameKey), plus the
// adjectives of states ("Slovak", "Hungarian") derived from the same data.
//
// Sources, in order of precedence when two give the same name:
//  1. states: iso-codes ISO 3166-1 (name, official_name, common_name; "Korea,
//     Republic of" read as "Republic of Korea") and ICU's English region
//     display names with their variant and short forms ("Ivory Coast", "UK");
//     former states from ISO 3166-3;
//  2. organizations ICU names as regions (EU, UN);
//  3. world regions: ICU's UN M.49 region names ("Southern Europe"), compass
//     points with continents ("West Africa") and lexicon.h's macro-regions;
//  4. cities (and their first-level regions) from libgeonames.
// State adjectives come from official names ("Slovak Republic" -> Slovak),
// from ICU language names whose likely region is the state and that share its
// stem ("Hungarian" for Hungary), and from regular endings of the short name
// ("-n", "-ian", "-i", "-stan" dropped); an adjective claimed by two states is
// dropped.
// Thread safety: immutable after Load; share one instance across threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "annals/result.h"
#include "annals/types.h"
#include "src/common/string_map.h"

namespace annals::extract {

struct GazetteerEntry {
  EntityType type = EntityType::kCountry;
  std::string name;                // canonical name
  std::string code;                // "SK", "m49:039", "geonames:1234", ...
  std::vector<std::string> names;  // every name the data gives, canonical first
};

struct GazetteerOptions {
  std::string iso_codes_dir;  // folder of iso_3166-1.json; "" = ANNALS_ISO_CODES_DIR
  bool icu = true;            // ICU region display names
  bool cities = true;         // libgeonames cities and their regions
  // Gettext catalogs of iso-codes and libgeonames (LOCALE/LC_MESSAGES/*.mo):
  // the states', regions' and cities' names in other languages (Russian).
  std::string locale_dir = "/usr/share/locale";
};

// True for a one-word name of two or more capitals and no lower case ("EU").
bool IsAcronymName(std::string_view name);

class Gazetteer {
 public:
  // Errors: kIo when iso_3166-1.json cannot be read; kCorrupt when it is not
  // the iso-codes JSON shape.
  static Result<Gazetteer> Load(const GazetteerOptions& options);
  // A gazetteer of exactly these entries and adjectives (lower case -> entry
  // index), for tests.
  static Gazetteer ForTesting(std::vector<GazetteerEntry> entries,
                              const std::vector<std::pair<std::string, int>>& adjectives);

  // Entry index for a folded name (NameKey), or -1. Names written in capitals
  // ("EU", "UK") are found under "#" + NameKey, so that only a word in
  // capitals finds them.
  int Find(std::string_view key) const;
  // Entry index of the state whose adjective is `lower` ("slovak"), or -1.
  int FindAdjective(std::string_view lower) const;
  // Most words in any name (bounds the lookups).
  int max_words() const { return max_words_; }
  // Most words of a name that begins with the folded word `first`; 0 when none does.
  int MaxWordsFrom(std::string_view first) const;
  const GazetteerEntry& entry(int i) const { return entries_[static_cast<size_t>(i)]; }
  size_t size() const { return entries_.size(); }

 private:
  // Adds `name` for entry `index` unless the key is taken already.
  void AddName(int index, const std::string& name);
  // The same with the name's NameKey given.
  void AddName(int index, const std::string& name, std::string key);
  int AddEntry(GazetteerEntry e);
  // An entry of one name, whose NameKey is `key`.
  int AddEntry(GazetteerEntry e, std::string key);
  void AddAdjective(const std::string& lower, int index, int rank,
                    std::unordered_map<std::string, std::pair<int, int>>* best);

  std::vector<GazetteerEntry> entries_;
  using Map = StringMap<int>;  // looked up by string_view
  Map by_key_;
  Map adjectives_;
  Map first_words_;  // first word of a name -> most words of a name starting so
  int max_words_ = 1;
};

}  // namespace annals::extract
