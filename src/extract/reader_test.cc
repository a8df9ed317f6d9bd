// ReadStory (reader.h): the names and raw facts of one story, before
// resolution. Invented texts; each expectation is what the sentence says.
#include "src/extract/reader.h"
#include "src/extract/packaged_for_tests.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::extract {
namespace {

using fixtures::Packaged;

StoryReading Read(const std::string& text, const std::string& title = "") {
  ReadScratch scratch;
  return ReadStory(Story{.id = "s1", .date = "2025-05-28", .title = title, .text = text},
                   Packaged(), &scratch);
}

// The index of the mention of this type written `form`, or -1.
int Mention(const StoryReading& r, EntityType type, const std::string& form) {
  for (size_t i = 0; i < r.mentions.size(); ++i) {
    if (r.mentions[i].type == type && r.mentions[i].form == form) return static_cast<int>(i);
  }
  return -1;
}

TEST(ReaderTest, NothingToReadInEmptyOrLowerCaseText) {
  for (const std::string& text : {std::string(), std::string("   \n\n  "),
                                  std::string("the weather was fine and nothing happened.")}) {
    const StoryReading r = Read(text);
    EXPECT_TRUE(r.mentions.empty()) << text;
    EXPECT_TRUE(r.facts.empty()) << text;
  }
}

TEST(ReaderTest, AnyBytesAreSafe) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  const StoryReading r = Read(junk, junk.substr(0, 200));
  for (const RawMention& m : r.mentions) {
    if ((m.begin & kInTitle) == 0) {
      EXPECT_LE(m.begin, m.end);
      EXPECT_LE(m.end, junk.size());
    }
  }
}

TEST(ReaderTest, PersonWithPostInAnOrganization) {
  const std::string text =
      "Secretary General of the Northern Harbour Alliance Ivan Petrenko opened the session "
      "in Lisbon on Monday.";
  const StoryReading r = Read(text);
  const int person = Mention(r, EntityType::kPerson, "Ivan Petrenko");
  const int org = Mention(r, EntityType::kOrganization, "Northern Harbour Alliance");
  ASSERT_GE(person, 0);
  ASSERT_GE(org, 0);
  // Offsets are bytes of the text, and the text there is the name.
  for (int i : {person, org}) {
    const RawMention& m = r.mentions[static_cast<size_t>(i)];
    EXPECT_EQ(text.substr(m.begin, m.end - m.begin), m.form);
  }
  bool post = false;
  for (const RawFact& f : r.facts) {
    if (f.type == FactType::kHoldsPost && f.person == person) {
      EXPECT_EQ(f.title, "Secretary General");
      EXPECT_EQ(f.organization, org);
      EXPECT_LE(f.sentence_begin, r.mentions[static_cast<size_t>(person)].begin);
      EXPECT_GE(f.sentence_end, r.mentions[static_cast<size_t>(person)].end);
      post = true;
    }
  }
  EXPECT_TRUE(post);
  EXPECT_GE(Mention(r, EntityType::kPlace, "Lisbon"), 0);
}

TEST(ReaderTest, AnAcronymInParenthesesNamesTheNameBeforeIt) {
  const std::string text =
      "The Northern Harbour Alliance (NHA) met in Oslo. Later the NHA issued a statement.";
  const StoryReading r = Read(text);
  const int full = Mention(r, EntityType::kOrganization, "Northern Harbour Alliance");
  ASSERT_GE(full, 0);
  int aliases = 0;
  for (const RawMention& m : r.mentions) {
    if (m.form != "NHA") continue;
    EXPECT_TRUE(m.acronym);
    if (m.alias_of >= 0) {
      EXPECT_EQ(m.alias_of, full);
      ++aliases;
    }
  }
  EXPECT_EQ(aliases, 1);  // the one in parentheses; the later "NHA" is left to resolution
}

TEST(ReaderTest, StatesComeFromTheGazetteer) {
  const StoryReading r = Read("Delegations of Kazakhstan and Armenia arrived in the capital.");
  const int kz = Mention(r, EntityType::kCountry, "Kazakhstan");
  const int am = Mention(r, EntityType::kCountry, "Armenia");
  ASSERT_GE(kz, 0);
  ASSERT_GE(am, 0);
  EXPECT_GE(r.mentions[static_cast<size_t>(kz)].gazetteer, 0);
  EXPECT_GE(r.mentions[static_cast<size_t>(am)].gazetteer, 0);
}

TEST(ReaderTest, ANameInTheTitleIsMarkedAsSuch) {
  const StoryReading r = Read("The visit ended on Friday.", "Ivan Petrenko visits Lisbon");
  bool in_title = false;
  for (const RawMention& m : r.mentions) {
    if (m.form == "Lisbon" || m.form == "Ivan Petrenko") {
      EXPECT_NE(m.begin & kInTitle, 0u) << m.form;
      in_title = true;
    }
  }
  EXPECT_TRUE(in_title);
}

}  // namespace
}  // namespace annals::extract
