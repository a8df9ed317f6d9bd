// Resolution and EntityId (resolve.h), fed ReadStory's readings directly,
// a chunk at a time as relate does. Invented stories.
#include "src/extract/resolve.h"
#include "src/extract/packaged_for_tests.h"

#include "src/common/text.h"
#include "src/extract/chunked_for_tests.h"

#include <algorithm>
#include <cstdio>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::extract {
namespace {

using fixtures::Packaged;

// Resolves `stories`, read and added `chunk` stories at a time.
Knowledge Resolve(const std::vector<Story>& stories, size_t chunk,
                  const std::vector<Correction>& corrections = {}) {
  fixtures::Chunked source(stories, chunk);
  Resolution resolution(source, Packaged(), 2);
  ReadScratch scratch;
  for (size_t first = 0; first < stories.size(); first += chunk) {
    std::vector<StoryReading> readings;
    for (size_t i = first; i < std::min(stories.size(), first + chunk); ++i) {
      readings.push_back(ReadStory(stories[i], Packaged(), &scratch));
    }
    resolution.Add(std::move(readings));
  }
  auto k = resolution.Finish(corrections, /*park=*/false);
  EXPECT_TRUE(k) << k.error().message;
  return k ? std::move(*k) : Knowledge{};
}

const Entity* Find(const Knowledge& k, EntityType type, const std::string& name) {
  for (const Entity& e : k.entities) {
    if (e.type == type && e.name == name) return &e;
  }
  return nullptr;
}

bool HasAlias(const Entity& e, const std::string& alias) {
  return std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end();
}

TEST(ResolveTest, EntityIdIsTheHexOfTheHashOfTypeAndName) {
  char want[17];
  std::snprintf(want, sizeof want, "%016llx",
                static_cast<unsigned long long>(text::Hash64("person\nIvan Petrenko")));
  EXPECT_EQ(EntityId(EntityType::kPerson, "Ivan Petrenko"), want);
  EXPECT_EQ(EntityId(EntityType::kPerson, "Ivan Petrenko").size(), 16u);
  EXPECT_NE(EntityId(EntityType::kPerson, "Ivan Petrenko"),
            EntityId(EntityType::kOrganization, "Ivan Petrenko"));
  EXPECT_NE(EntityId(EntityType::kPerson, "Ivan Petrenko"),
            EntityId(EntityType::kPerson, "Ivan Petrenk"));
}

const std::vector<Story>& TwoStories() {
  static const std::vector<Story> stories = {
      Story{.id = "a",
            .date = "2025-03-01",
            .text = "The Northern Harbour Alliance (NHA) held its session in Lisbon. "
                    "Secretary General of the Northern Harbour Alliance Ivan Petrenko opened "
                    "it."},
      Story{.id = "b",
            .date = "2025-04-02",
            .text = "The NHA met again. Secretary General Petrenko thanked the delegations of "
                    "Armenia."},
  };
  return stories;
}

TEST(ResolveTest, FormsOfOneEntityAcrossStoriesJoin) {
  const Knowledge k = Resolve(TwoStories(), 1);
  const Entity* org = Find(k, EntityType::kOrganization, "Northern Harbour Alliance");
  ASSERT_NE(org, nullptr);
  EXPECT_TRUE(HasAlias(*org, "NHA"));
  EXPECT_EQ(org->first_seen, "2025-03-01");
  EXPECT_EQ(org->last_seen, "2025-04-02");  // "The NHA" of story b
  EXPECT_EQ(org->id, EntityId(EntityType::kOrganization, "Northern Harbour Alliance"));
  const Entity* person = Find(k, EntityType::kPerson, "Ivan Petrenko");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->last_seen, "2025-04-02");  // "Petrenko" alone, the one such person
  EXPECT_EQ(Find(k, EntityType::kPerson, "Petrenko"), nullptr);
  // Every mention's bytes are in its story's text.
  for (const MentionRef& m : k.mentions) {
    ASSERT_LT(m.story, TwoStories().size());
    ASSERT_LT(m.entity, k.entities.size());
    EXPECT_LE(m.end, TwoStories()[m.story].text.size());
    EXPECT_LT(m.begin, m.end);
  }
  // Both stories say he is Secretary General; the first names the organization.
  bool post = false;
  for (const FactRef& f : k.facts) {
    if (f.type != FactType::kHoldsPost || f.person == kNoEntity) continue;
    ASSERT_LT(f.person, k.entities.size());
    EXPECT_EQ(k.entities[f.person].name, "Ivan Petrenko");
    EXPECT_EQ(f.post, "Secretary General");
    if (f.story == 0) {
      ASSERT_NE(f.organization, kNoEntity);
      EXPECT_EQ(k.entities[f.organization].name, "Northern Harbour Alliance");
      post = true;
    }
  }
  EXPECT_TRUE(post);
}

// Chunks of one story or of all give the same knowledge.
TEST(ResolveTest, ChunkSizeDoesNotChangeTheResult) {
  const Knowledge one = Resolve(TwoStories(), 1);
  const Knowledge all = Resolve(TwoStories(), 2);
  EXPECT_EQ(one.entities, all.entities);
  EXPECT_EQ(one.mentions, all.mentions);
  EXPECT_EQ(one.facts, all.facts);
}

TEST(ResolveTest, CorrectionsApplyInOrder) {
  const Knowledge k =
      Resolve(TwoStories(), 2,
              {Correction{.kind = Correction::Kind::kRename, .a = "NHA", .b = "Harbour Alliance"}});
  EXPECT_EQ(Find(k, EntityType::kOrganization, "Northern Harbour Alliance"), nullptr);
  const Entity* org = Find(k, EntityType::kOrganization, "Harbour Alliance");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->id, EntityId(EntityType::kOrganization, "Harbour Alliance"));
}

TEST(ResolveTest, NoStoriesNoKnowledge) {
  const Knowledge k = Resolve({}, 1);
  EXPECT_TRUE(k.entities.empty());
  EXPECT_TRUE(k.mentions.empty());
  EXPECT_TRUE(k.facts.empty());
}

}  // namespace
}  // namespace annals::extract
