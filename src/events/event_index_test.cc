// The entities' names as the events stage indexes and finds them
// (event_index.cc). Invented names; each expectation worked out by hand.
#include "src/events/event_builder_internal.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::events::event_internal {
namespace {

TEST(EventIndexTest, NameKeyIsTheLowerCaseWords) {
  EXPECT_EQ(NameKey("Harbour  Shield-2024, Lisbon"), "harbour shield-2024 lisbon");
  EXPECT_EQ(NameKey("  ...  "), "");
  EXPECT_EQ(NameKey("\xD0\x9B\xD0\xB8\xD1\x81\xD1\x81\xD0\xB0\xD0\xB1\xD0\xBE\xD0\xBD"),
            "\xD0\xBB\xD0\xB8\xD1\x81\xD1\x81\xD0\xB0\xD0\xB1\xD0\xBE\xD0\xBD");  // "Лиссабон"
}

TEST(EventIndexTest, AYearInANameIsFourFiguresAlone) {
  EXPECT_EQ(YearInName("Harbour Shield-2024"), 2024);
  EXPECT_EQ(YearInName("Strategy 2030 of the Alliance"), 2030);
  EXPECT_EQ(YearInName("Council 12345"), 0);  // five figures: no year
  EXPECT_EQ(YearInName("Exercise 1850"), 0);  // outside 1900-2099
  EXPECT_EQ(YearInName("Council"), 0);
}

struct Fixture {
  std::vector<Entity> entities;
  std::vector<StoryHead> stories;
  std::vector<MentionRef> mentions;
};

// Five stories; the Alliance is named in all, Lisbon in one. "Aurora" is
// the name of two entities.
Fixture Five() {
  Fixture f;
  f.entities = {
      {.id = "a", .type = EntityType::kOrganization, .name = "Northern Harbour Alliance",
       .aliases = {"NHA"}},
      {.id = "b", .type = EntityType::kPlace, .name = "Lisbon"},
      {.id = "c", .type = EntityType::kExercise, .name = "Aurora"},
      {.id = "d", .type = EntityType::kOperation, .name = "Aurora"},
      {.id = "e", .type = EntityType::kCountry, .name = "Portugal"},
  };
  for (uint32_t s = 0; s < 5; ++s) {
    f.stories.push_back({.id = "s" + std::to_string(s), .date = "2025-05-28", .text_size = 100});
    f.mentions.push_back({.entity = 0, .story = s, .begin = 0, .end = 25});
  }
  f.mentions.push_back({.entity = 1, .story = 2, .begin = 30, .end = 36});
  return f;
}

TEST(EventIndexTest, TheIndexKnowsNamesCountriesYearsAndRegulars) {
  const Fixture f = Five();
  const extract::MentionSpan mentions(f.mentions, f.stories.size());
  auto ix = BuildIndex(f.stories, f.entities, mentions);
  ASSERT_TRUE(ix.has_value());
  EXPECT_EQ(ix->names.at("northern harbour alliance"), 0u);
  EXPECT_EQ(ix->names.at("nha"), 0u);
  EXPECT_EQ(ix->names.at("aurora"), kNone);  // two entities: neither
  EXPECT_EQ(ix->max_name_words, 3u);
  EXPECT_EQ(ix->countries, (std::vector<uint32_t>{4}));
  // Named in every story of five (at least 4, over a quarter): a regular.
  EXPECT_EQ(ix->ubiquitous, (std::vector<bool>{true, false, false, false, false}));
}

TEST(EventIndexTest, NamesAreFoundLongestFirstAndAmbiguousOnesNot) {
  const Fixture f = Five();
  const extract::MentionSpan mentions(f.mentions, f.stories.size());
  auto ix = BuildIndex(f.stories, f.entities, mentions);
  ASSERT_TRUE(ix.has_value());
  const std::string title = "Northern Harbour Alliance holds Aurora in Lisbon";
  const std::vector<Ment> found = FindNames(title, *ix);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].entity, 0u);
  EXPECT_EQ(title.substr(found[0].begin, found[0].end - found[0].begin),
            "Northern Harbour Alliance");
  EXPECT_EQ(found[1].entity, 1u);
  EXPECT_EQ(title.substr(found[1].begin, found[1].end - found[1].begin), "Lisbon");
}

TEST(EventIndexTest, AStorysMentionsInsideItsTextWithoutOverlaps) {
  const Fixture f = Five();
  const extract::MentionSpan mentions(f.mentions, f.stories.size());
  auto ix = BuildIndex(f.stories, f.entities, mentions);
  ASSERT_TRUE(ix.has_value());
  const std::vector<MentionRef> raw = {
      {.entity = 1, .story = 0, .begin = 40, .end = 46},
      {.entity = 0, .story = 0, .begin = 0, .end = 25},
      {.entity = 4, .story = 0, .begin = 10, .end = 18},   // inside the first: dropped
      {.entity = 9, .story = 0, .begin = 50, .end = 55},   // no such entity
      {.entity = 4, .story = 0, .begin = 95, .end = 120},  // past the text's 100 bytes
  };
  const std::vector<Ment> ms = ix->MentionsOf(0, raw);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].entity, 0u);
  EXPECT_EQ(ms[1].entity, 1u);
  EXPECT_EQ(ms[1].begin, 40u);
}

}  // namespace
}  // namespace annals::events::event_internal
