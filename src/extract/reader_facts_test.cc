// The facts part of ReadStory (reader_facts.cc): chairs, members, posts
// listed for several states and documents' horizons, as the sentence states
// them. Invented texts; each expectation is what the sentence says.
#include "src/extract/reader.h"
#include "src/extract/packaged_for_tests.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::extract {
namespace {

using fixtures::Packaged;

StoryReading Read(const std::string& text) {
  ReadScratch scratch;
  return ReadStory(Story{.id = "s1", .date = "2025-05-28", .title = "", .text = text},
                   Packaged(), &scratch);
}

int Mention(const StoryReading& r, EntityType type, const std::string& form) {
  for (size_t i = 0; i < r.mentions.size(); ++i) {
    if (r.mentions[i].type == type && r.mentions[i].form == form) return static_cast<int>(i);
  }
  return -1;
}

std::vector<RawFact> OfType(const StoryReading& r, FactType type) {
  std::vector<RawFact> out;
  for (const RawFact& f : r.facts) {
    if (f.type == type) out.push_back(f);
  }
  return out;
}

TEST(ReaderFactsTest, AStateChairsInTheYearTheSentenceNames) {
  const std::string text = "In 2024 Portugal chaired the Northern Harbour Alliance.";
  const StoryReading r = Read(text);
  const std::vector<RawFact> chairs = OfType(r, FactType::kChairs);
  ASSERT_EQ(chairs.size(), 1u);
  EXPECT_EQ(chairs[0].country, Mention(r, EntityType::kCountry, "Portugal"));
  EXPECT_EQ(chairs[0].organization,
            Mention(r, EntityType::kOrganization, "Northern Harbour Alliance"));
  EXPECT_EQ(chairs[0].year, 2024);
  EXPECT_EQ(chairs[0].sentence_begin, 0u);
  EXPECT_EQ(chairs[0].sentence_end, text.size());
}

TEST(ReaderFactsTest, AStateThatJoinsIsAMember) {
  const StoryReading r = Read(
      "The weather was fine. Finland joined the Northern Harbour Alliance as a full member.");
  const std::vector<RawFact> members = OfType(r, FactType::kMemberOf);
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].country, Mention(r, EntityType::kCountry, "Finland"));
  EXPECT_EQ(members[0].organization,
            Mention(r, EntityType::kOrganization, "Northern Harbour Alliance"));
  EXPECT_EQ(members[0].sentence_begin, 22u);  // the second sentence only
  EXPECT_TRUE(OfType(r, FactType::kChairs).empty());
}

TEST(ReaderFactsTest, APostInThePluralIsEachListedStatesPost) {
  const StoryReading r = Read(
      "The defense ministers of Portugal (Colonel Rui Almada), of Finland (Major General "
      "Eero Laine) and of Estonia (Mart Kask) met in Lisbon.");
  const std::vector<RawFact> posts = OfType(r, FactType::kHoldsPost);
  const int almada = Mention(r, EntityType::kPerson, "Rui Almada");
  const int laine = Mention(r, EntityType::kPerson, "Eero Laine");
  ASSERT_GE(almada, 0);
  ASSERT_GE(laine, 0);
  ASSERT_EQ(posts.size(), 2u);  // "Mart Kask", with no rank, is no name the reader is sure of
  for (const RawFact& f : posts) {
    EXPECT_EQ(f.title, "Defense Minister");
    if (f.person == almada) {
      EXPECT_EQ(f.organization, Mention(r, EntityType::kCountry, "Portugal"));
    } else {
      EXPECT_EQ(f.person, laine);
      EXPECT_EQ(f.organization, Mention(r, EntityType::kCountry, "Finland"));
    }
  }
}

TEST(ReaderFactsTest, ADocumentsHorizonIsPartOfItsName) {
  const StoryReading r = Read("The Harbour Security Strategy until 2035 was approved.");
  EXPECT_GE(Mention(r, EntityType::kDocument, "Harbour Security Strategy until 2035"), 0);
  EXPECT_TRUE(r.facts.empty());
}

// The horizon words are one class of the fact grammar's table (horizon):
// "through" extends a document's name as "until" does.
TEST(ReaderFactsTest, AHorizonWordOfTheTableExtendsTheName) {
  const StoryReading r = Read("The Harbour Security Plan through 2031 was approved.");
  EXPECT_GE(Mention(r, EntityType::kDocument, "Harbour Security Plan through 2031"), 0);
}

}  // namespace
}  // namespace annals::extract
