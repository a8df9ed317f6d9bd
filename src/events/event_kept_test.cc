// The events' readings kept between runs (EventOptions::cache): a reading
// comes back only while all that it read is the same, and ReadReports with a
// cache gives what it gives without one.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "src/events/event_builder.h"
#include "src/extract/reading_cache_for_tests.h"

namespace annals::events {
namespace {

using extract::fixtures::MemoryCache;

// Stories and entities, with every name or alias of an entity found in a
// story's text as a whole word a mention of it (as Relate would report it).
struct Archive {
  std::vector<Story> stories;
  extract::Knowledge k;

  void AddEntity(EntityType type, const std::string& name, std::vector<std::string> aliases = {}) {
    k.entities.push_back({.id = "e" + std::to_string(k.entities.size()),
                          .type = type,
                          .name = name,
                          .aliases = std::move(aliases)});
  }
  Entity& Named(const std::string& name) {
    for (Entity& e : k.entities) {
      if (e.name == name) return e;
    }
    ADD_FAILURE() << "no entity " << name;
    return k.entities.front();
  }
  void FindMentions() {
    k.mentions.clear();
    for (uint32_t si = 0; si < stories.size(); ++si) {
      const std::string& t = stories[si].text;
      for (uint32_t ei = 0; ei < k.entities.size(); ++ei) {
        std::vector<std::string> names = k.entities[ei].aliases;
        names.push_back(k.entities[ei].name);
        for (const std::string& n : names) {
          for (size_t p = t.find(n); p != std::string::npos; p = t.find(n, p + 1)) {
            const size_t end = p + n.size();
            if ((p > 0 && std::isalnum(static_cast<unsigned char>(t[p - 1]))) ||
                (end < t.size() && std::isalnum(static_cast<unsigned char>(t[end])))) {
              continue;
            }
            k.mentions.push_back({ei, si, static_cast<uint32_t>(p), static_cast<uint32_t>(end)});
          }
        }
      }
    }
    std::sort(k.mentions.begin(), k.mentions.end(), [](const MentionRef& a, const MentionRef& b) {
      return a.story != b.story ? a.story < b.story : a.begin < b.begin;
    });
  }
  std::vector<Event> Events(extract::ReadingCache* cache) {
    const extract::StorySpan source(stories);  // the reports refer to its heads
    return EventsOf(source, cache);
  }
  std::vector<Event> EventsOf(const extract::StorySource& source, extract::ReadingCache* cache) {
    FindMentions();
    auto reports = ReadReports(source, k, EventOptions{.threads = 2, .cache = cache});
    EXPECT_TRUE(reports.has_value());
    if (!reports) return {};
    return MergeReports(std::move(*reports));
  }
};

Archive Sample() {
  Archive a;
  a.AddEntity(EntityType::kOrganization, "Council of Ministers");
  a.AddEntity(EntityType::kOrganization, "Rapid Forces");
  a.AddEntity(EntityType::kPlace, "Velgrad");
  a.AddEntity(EntityType::kPlace, "Ostrava");
  a.AddEntity(EntityType::kCountry, "Vestria");
  a.AddEntity(EntityType::kPerson, "Anna Berg", {"Berg"});
  a.AddEntity(EntityType::kPerson, "Karl Dane");
  a.AddEntity(EntityType::kExercise, "Sea Shield-2024");
  a.stories = {
      {.id = "a",
       .date = "2025-04-03",
       .title = "Ministers met in Velgrad",
       .text = "On April 3, 2025, a meeting of the Council of Ministers was held in Velgrad. "
               "Anna Berg attended the event."},
      {.id = "b",
       .date = "2025-05-06",
       .title = "Lindgren met with Karl Dane",
       .text = "On 5 May 2025, the Rapid Forces held a session in Ostrava."},
      {.id = "c",
       .date = "2025-06-02",
       .text = "On 1 June 2025, the Council of Ministers held a session in Velgrad under the "
               "chairmanship of the Norlandic side."},
      {.id = "d",
       .date = "2024-06-12",
       .text = "On 10-12 June 2024, the exercise of the Rapid Forces \xE2\x80\x9C"
               "Sea Shield-2024\xE2\x80\x9D was held near Ostrava.\n\nKarl Dane and Berg "
               "watched the exercise \xE2\x80\x9CSea Shield-2024\xE2\x80\x9D."},
  };
  return a;
}

// Runs `a` with `cache` and without one: the same events.
std::vector<Event> ExpectSameAsFresh(Archive* a, MemoryCache* cache) {
  cache->Count();
  const std::vector<Event> with = a->Events(cache);
  const std::vector<Event> without = a->Events(nullptr);
  EXPECT_EQ(with, without);
  EXPECT_FALSE(with.empty());
  return with;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(KeptEventReadings, UnchangedStoriesComeFromTheCache) {
  Archive a = Sample();
  MemoryCache cache;
  ExpectSameAsFresh(&a, &cache);
  EXPECT_EQ(cache.hits, 0);
  EXPECT_EQ(Sorted(cache.kept_ids), (std::vector<std::string>{"a", "b", "c", "d"}));
  ExpectSameAsFresh(&a, &cache);
  EXPECT_EQ(cache.finds, 4);
  EXPECT_EQ(cache.hits, 4);
  EXPECT_TRUE(cache.kept_ids.empty());
}

TEST(KeptEventReadings, EntitiesMovedInTheListAreRemapped) {
  // New entities before the others shift every index: the keys hold the
  // story's own entities, not their places in the list.
  Archive a = Sample();
  MemoryCache cache;
  ExpectSameAsFresh(&a, &cache);
  a.k.entities.insert(a.k.entities.begin(), {.id = "x", .type = EntityType::kPlace,
                                             .name = "Lisbon"});
  a.k.entities.insert(a.k.entities.begin() + 3, {.id = "y", .type = EntityType::kPerson,
                                                 .name = "Eva Holm"});
  ExpectSameAsFresh(&a, &cache);
  EXPECT_EQ(cache.hits, 4);
  EXPECT_TRUE(cache.kept_ids.empty());
}

TEST(KeptEventReadings, AChangedTextOrDateIsReadAgain) {
  Archive a = Sample();
  MemoryCache cache;
  ExpectSameAsFresh(&a, &cache);
  a.stories[0].text += " Karl Dane spoke.";
  a.stories[3].date = "2024-06-13";
  ExpectSameAsFresh(&a, &cache);
  EXPECT_EQ(Sorted(cache.kept_ids), (std::vector<std::string>{"a", "d"}));
}

TEST(KeptEventReadings, ARetypedEntityReadsItsStoriesAgain) {
  Archive a = Sample();
  MemoryCache cache;
  const std::vector<Event> before = ExpectSameAsFresh(&a, &cache);
  a.Named("Ostrava").type = EntityType::kOrganization;
  const std::vector<Event> after = ExpectSameAsFresh(&a, &cache);
  EXPECT_NE(before, after);
  EXPECT_EQ(Sorted(cache.kept_ids), (std::vector<std::string>{"b", "d"}));
}

TEST(KeptEventReadings, ANewAliasInAHeadlineReadsItsStoryAgain) {
  // "Lindgren" in b's headline names no one, then Anna Berg.
  Archive a = Sample();
  MemoryCache cache;
  const std::vector<Event> before = ExpectSameAsFresh(&a, &cache);
  a.Named("Anna Berg").aliases.push_back("Lindgren");
  const std::vector<Event> after = ExpectSameAsFresh(&a, &cache);
  EXPECT_NE(before, after);
  EXPECT_EQ(cache.kept_ids, (std::vector<std::string>{"b"}));
}

TEST(KeptEventReadings, AYearInANameReadsItsStoriesAgain) {
  Archive a = Sample();
  MemoryCache cache;
  ExpectSameAsFresh(&a, &cache);
  // Its mentions the same, the year in its name another.
  a.Named("Sea Shield-2024").aliases.push_back("Sea Shield-2024");
  a.Named("Sea Shield-2024").name = "Sea Shield-2023";
  ExpectSameAsFresh(&a, &cache);
  EXPECT_EQ(cache.kept_ids, (std::vector<std::string>{"d"}));
}

TEST(KeptEventReadings, TwoEntitiesMadeOneReadTheirStoryAgain) {
  // Karl Dane becomes an alias of Anna Berg: d names one person, not two.
  // b's headline names him alone: its reading is the same, of another
  // entity, and comes from the cache.
  Archive a = Sample();
  MemoryCache cache;
  const std::vector<Event> before = ExpectSameAsFresh(&a, &cache);
  a.Named("Anna Berg").aliases.push_back("Karl Dane");
  a.k.entities.erase(a.k.entities.begin() + 6);
  const std::vector<Event> after = ExpectSameAsFresh(&a, &cache);
  EXPECT_NE(before, after);
  EXPECT_EQ(cache.kept_ids, (std::vector<std::string>{"d"}));
  EXPECT_EQ(cache.hits, 3);
}

TEST(KeptEventReadings, AMentionOfAnotherOfTheStorysEntitiesReadsItAgain) {
  // "Berg" names Karl Dane, not Anna Berg: e names the same two people,
  // but another chairs.
  Archive a = Sample();
  a.stories.push_back({.id = "e",
                       .date = "2025-07-02",
                       .text = "On 1 July 2025, Anna Berg met with Karl Dane in Velgrad. The "
                               "meeting was chaired by Berg."});
  MemoryCache cache;
  const std::vector<Event> before = ExpectSameAsFresh(&a, &cache);
  a.Named("Anna Berg").aliases.clear();
  a.Named("Karl Dane").aliases.push_back("Berg");
  const std::vector<Event> after = ExpectSameAsFresh(&a, &cache);
  EXPECT_NE(before, after);
  EXPECT_EQ(Sorted(cache.kept_ids), (std::vector<std::string>{"d", "e"}));
  bool chaired = false;
  for (const Event& e : after) chaired = chaired || e.chair == "Karl Dane";
  EXPECT_TRUE(chaired);
}

TEST(KeptEventReadings, AReadingOfTheCountriesIsUsedOnlyWhileTheyAreTheSame) {
  // c's chair, "the Norlandic side", is read against every country's names:
  // a country renamed Norland chairs, though c names no country.
  Archive a = Sample();
  MemoryCache cache;
  const std::vector<Event> before = ExpectSameAsFresh(&a, &cache);
  a.Named("Vestria").aliases.push_back("Vestria");
  a.Named("Vestria").name = "Norland";
  const std::vector<Event> after = ExpectSameAsFresh(&a, &cache);
  EXPECT_NE(before, after);
  EXPECT_EQ(cache.hits, 4);  // c's key is the same; its record is refused
  EXPECT_EQ(cache.kept_ids, (std::vector<std::string>{"c"}));
  bool chaired = false;
  for (const Event& e : after) chaired = chaired || e.chair == "Norland";
  EXPECT_TRUE(chaired);
}

// Stories as a store gives them once a pass read their texts: each text's
// digest known, the stories handed over without their texts (two at a
// time), and the texts asked for listed.
class TextsLeftOut final : public extract::StorySource {
 public:
  explicit TextsLeftOut(const std::vector<Story>& stories)
      : stories_(stories), heads_(extract::StorySpan(stories).Heads()) {}
  const std::vector<StoryHead>& Heads() const override { return heads_; }
  Status ForEachChunk(const ChunkFn& fn) const override {
    ++whole_passes;
    return fn(0, stories_);
  }
  bool KnownText(size_t i, uint64_t* digest) const override {
    *digest = extract::TextDigest(stories_[i].text);
    return true;
  }
  Status ForEachChunkWithoutTexts(const ChunkFn& fn) const override {
    std::vector<Story> bare = stories_;
    for (Story& s : bare) s.text.clear();
    for (size_t first = 0; first < bare.size(); first += 2) {
      const size_t n = std::min<size_t>(2, bare.size() - first);
      if (auto st = fn(first, std::span<const Story>(bare).subspan(first, n)); !st) return st;
    }
    return Ok();
  }
  Result<std::vector<std::string>> Texts(std::span<const size_t> which) const override {
    std::vector<std::string> out;
    for (size_t i : which) {
      asked.push_back(stories_[i].id);
      out.push_back(stories_[i].text);
    }
    return out;
  }
  mutable std::vector<std::string> asked;  // ids of the texts asked for
  mutable int whole_passes = 0;            // of ForEachChunk

 private:
  std::vector<Story> stories_;
  std::vector<StoryHead> heads_;
};

TEST(KeptEventReadings, TextsLeftOutAreReadOnlyForTheStoriesReadAgain) {
  Archive a = Sample();
  MemoryCache cache;
  const std::vector<Event> fresh = ExpectSameAsFresh(&a, &cache);
  {
    // Every reading kept: no text is read, and the events are the same.
    cache.Count();
    const TextsLeftOut source(a.stories);
    EXPECT_EQ(a.EventsOf(source, &cache), fresh);
    EXPECT_EQ(cache.hits, 4);
    EXPECT_TRUE(source.asked.empty());
    EXPECT_EQ(source.whole_passes, 0);
  }
  {
    // A record that does not decode: that story's text alone.
    cache.kept["c"].second = "\x07";
    cache.Count();
    const TextsLeftOut source(a.stories);
    EXPECT_EQ(a.EventsOf(source, &cache), fresh);
    EXPECT_EQ(source.asked, (std::vector<std::string>{"c"}));
    EXPECT_EQ(cache.kept_ids, (std::vector<std::string>{"c"}));
  }
  {
    // A changed text has another key (by its digest): read with its text.
    a.stories[1].text += " Anna Berg attended.";
    cache.Count();
    const TextsLeftOut source(a.stories);
    const std::vector<Event> changed = a.EventsOf(source, &cache);
    EXPECT_EQ(changed, a.Events(nullptr));
    EXPECT_NE(changed, fresh);
    EXPECT_EQ(source.asked, (std::vector<std::string>{"b"}));
    EXPECT_EQ(cache.kept_ids, (std::vector<std::string>{"b"}));
  }
}

TEST(KeptEventReadings, ACacheThatFindsNothingGetsEveryTextInOnePass) {
  // relate --full, or an archive with no reading kept: every story is read
  // anew, so the pass takes the texts with the stories.
  struct Empty final : extract::ReadingCache {
    Result<std::optional<std::string>> Find(const std::string&, uint64_t) override {
      return std::optional<std::string>();
    }
    Status Keep(const std::string&, uint64_t, std::string_view) override {
      ++keeps;
      return Ok();
    }
    bool MayFind() override { return false; }
    int keeps = 0;
  };
  Archive a = Sample();
  Empty cache;
  const TextsLeftOut source(a.stories);
  EXPECT_EQ(a.EventsOf(source, &cache), a.Events(nullptr));
  EXPECT_EQ(source.whole_passes, 1);
  EXPECT_TRUE(source.asked.empty());
  EXPECT_EQ(cache.keeps, 4);
}

TEST(KeptEventReadings, ACutOrForeignRecordIsReadAgain) {
  Archive a = Sample();
  MemoryCache cache;
  ExpectSameAsFresh(&a, &cache);
  std::string& rec = cache.kept["a"].second;
  rec = rec.substr(0, rec.size() - 1);
  cache.kept["d"].second = "\x07";  // another format
  cache.kept["b"].second = cache.kept["d"].second + "junk";
  ExpectSameAsFresh(&a, &cache);
  EXPECT_EQ(Sorted(cache.kept_ids), (std::vector<std::string>{"a", "b", "d"}));
}

}  // namespace
}  // namespace annals::events
