#include "src/query/knowledge.h"

#include <gtest/gtest.h>
#include <optional>

namespace annals::query {
namespace {

Fact Holds(const std::string& person, const std::string& post, const std::string& date,
           const std::string& story) {
  return Fact{.type = FactType::kHoldsPost, .person = person, .post = post,
              .organization = "Harbour League", .date = date, .story_id = story};
}

// The row of `person`, with its overlaps (HolderOverlaps) filled in.
std::optional<PostHolder> Row(const std::vector<PostHolder>& rows, const std::string& person) {
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].person != person) continue;
    PostHolder r = rows[i];
    r.overlaps = HolderOverlaps(rows, i);
    return r;
  }
  return std::nullopt;
}

// A post's holders attested at the same time are named on each other's
// rows: one holder's span running over the next's, or three at once, is
// shown for the analyst to check, not silently.
TEST(PostHoldersTest, HoldersAttestedAtOnceAreFlagged) {
  ArchiveData d;
  // Ana: January to June; Boris: from March (overlaps Ana); Chen: from
  // July (after Ana, during Boris); Dana: once, on Chen's first day.
  d.facts = {Holds("Ana Berg", "Secretary General", "2024-01-10", "s1"),
             Holds("Ana Berg", "Secretary General", "2024-06-01", "s2"),
             Holds("Boris Lund", "Secretary General", "2024-03-05", "s3"),
             Holds("Boris Lund", "Secretary General", "2024-09-01", "s4"),
             Holds("Chen Wei", "Secretary General", "2024-07-01", "s5"),
             Holds("Chen Wei", "Secretary General", "2024-08-01", "s6"),
             Holds("Dana Holm", "Secretary General", "2024-07-01", "s7"),
             // Another post: never compared with the Secretary General's.
             Holds("Erik Moe", "Press Secretary", "2024-03-01", "s8"),
             Holds("Erik Moe", "Press Secretary", "2024-05-01", "s9"),
             // An undated attestation overlaps nothing.
             Holds("Finn Dahl", "Secretary General", "", "s10")};
  auto rows = PostHolders(d, "", "");
  ASSERT_TRUE(rows);
  // PostHolders leaves the overlaps to HolderOverlaps (the rows shown).
  for (const PostHolder& r : *rows) EXPECT_TRUE(r.overlaps.empty()) << r.person;
  const auto ana = Row(*rows, "Ana Berg");
  const auto boris = Row(*rows, "Boris Lund");
  const auto chen = Row(*rows, "Chen Wei");
  const auto dana = Row(*rows, "Dana Holm");
  const auto erik = Row(*rows, "Erik Moe");
  const auto finn = Row(*rows, "Finn Dahl");
  ASSERT_TRUE(ana && boris && chen && dana && erik && finn);
  EXPECT_EQ(ana->overlaps, (std::vector<std::string>{"Boris Lund"}));
  EXPECT_EQ(boris->overlaps, (std::vector<std::string>{"Ana Berg", "Chen Wei", "Dana Holm"}));
  EXPECT_EQ(chen->overlaps, (std::vector<std::string>{"Boris Lund", "Dana Holm"}));
  EXPECT_EQ(dana->overlaps, (std::vector<std::string>{"Boris Lund", "Chen Wei"}));
  EXPECT_TRUE(erik->overlaps.empty());
  EXPECT_TRUE(finn->overlaps.empty());
  nlohmann::json j = PostHolderJson(*chen);
  EXPECT_EQ(j["overlaps"], nlohmann::json::array({"Boris Lund", "Dana Holm"}));
}

// A handover reported on one day (the outgoing holder's last attestation
// is the incoming one's first) is a succession, not an overlap.
TEST(PostHoldersTest, HandoverOnOneDayIsNoOverlap) {
  ArchiveData d;
  d.facts = {Holds("Ana Berg", "Secretary General", "2023-01-10", "s1"),
             Holds("Ana Berg", "Secretary General", "2024-01-01", "s2"),
             Holds("Boris Lund", "Secretary General", "2024-01-01", "s2"),
             Holds("Boris Lund", "Secretary General", "2024-05-01", "s3")};
  auto rows = PostHolders(d, "", "");
  ASSERT_TRUE(rows);
  for (size_t i = 0; i < rows->size(); ++i) {
    EXPECT_TRUE(HolderOverlaps(*rows, i).empty()) << (*rows)[i].person;
  }
}

// The rows of one post are one group, in the order they are attested; each
// row says where its group begins and ends.
TEST(PostHoldersTest, RowsSayWhereTheirPostsRowsAre) {
  ArchiveData d;
  d.facts = {Holds("Boris Lund", "Secretary General", "2024-03-05", "s3"),
             Holds("Erik Moe", "Press Secretary", "2024-03-01", "s8"),
             Holds("Ana Berg", "Secretary General", "2024-01-10", "s1")};
  auto rows = PostHolders(d, "", "");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 3u);
  // By (organization, folded post): "press secretary" before "secretary general".
  EXPECT_EQ((*rows)[0].person, "Erik Moe");
  EXPECT_EQ((*rows)[1].person, "Ana Berg");
  EXPECT_EQ((*rows)[2].person, "Boris Lund");
  EXPECT_EQ((*rows)[0].group_begin, 0u);
  EXPECT_EQ((*rows)[0].group_end, 1u);
  for (const size_t i : {size_t{1}, size_t{2}}) {
    EXPECT_EQ((*rows)[i].group_begin, 1u);
    EXPECT_EQ((*rows)[i].group_end, 3u);
  }
  // Ana (January, once) and Boris (March, once) do not overlap.
  EXPECT_TRUE(HolderOverlaps(*rows, 1).empty());
}

// A row's overlaps are in the order of the names, whatever the order the
// holders are attested in: from PostHolders' rows (by_name) and from rows
// made otherwise (sorted).
TEST(PostHoldersTest, OverlapsInTheOrderOfNames) {
  ArchiveData d;
  // Attested Zora, Yann, Ada, Xavi; all four at once in 2024.
  d.facts = {Holds("Zora Vik", "Director", "2024-01-01", "s1"),
             Holds("Zora Vik", "Director", "2024-12-01", "s2"),
             Holds("Yann Ek", "Director", "2024-02-01", "s3"),
             Holds("Yann Ek", "Director", "2024-12-01", "s4"),
             Holds("Ada Bo", "Director", "2024-03-01", "s5"),
             Holds("Ada Bo", "Director", "2024-12-01", "s6"),
             Holds("Xavi Ro", "Director", "2024-04-01", "s7"),
             Holds("Xavi Ro", "Director", "2024-12-01", "s8")};
  auto rows = PostHolders(d, "", "");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].person, "Zora Vik");  // the first attested
  EXPECT_EQ(HolderOverlaps(*rows, 0), (std::vector<std::string>{"Ada Bo", "Xavi Ro", "Yann Ek"}));
  EXPECT_EQ(HolderOverlaps(*rows, 2), (std::vector<std::string>{"Xavi Ro", "Yann Ek", "Zora Vik"}));
  std::vector<PostHolder> made = *rows;
  for (PostHolder& r : made) r.by_name = PostHolder::kNoRow;
  EXPECT_EQ(HolderOverlaps(made, 0), (std::vector<std::string>{"Ada Bo", "Xavi Ro", "Yann Ek"}));
}

// One organization's rows read from the index (its holds_post facts) are
// those read from every fact: its facts interleaved with another's, one
// (post, person) stated twice on one date (the first in the archive's order
// gives the evidence), the organization also named by a member_of fact
// (not read).
TEST(PostHoldersTest, IndexedRowsAreThoseOfEveryFact) {
  ArchiveData d;
  d.entities = {
      {.id = "o1", .type = EntityType::kOrganization, .name = "Harbour League", .aliases = {"HL"}},
      {.id = "o2", .type = EntityType::kOrganization, .name = "Reef Council"}};
  auto other = [](Fact f) {
    f.organization = "Reef Council";
    return f;
  };
  d.facts = {other(Holds("Ana Berg", "Secretary General", "2024-01-01", "s1")),
             Holds("Boris Lund", "Secretary General", "2024-03-05", "s2"),
             other(Holds("Boris Lund", "Secretary General", "2020-01-01", "s3")),
             Holds("Boris Lund", "Secretary General", "2024-02-01", "s4"),
             Holds("Chen Wei", "Press Secretary", "2024-05-01", "s5"),
             Holds("Chen Wei", "Press Secretary", "2024-05-01", "s6"),
             Fact{.type = FactType::kMemberOf,
                  .organization = "Harbour League",
                  .country = "Norway",
                  .story_id = "s7"},
             other(Holds("Dana Holm", "Press Secretary", "2023-01-01", "s8"))};
  const KnowledgeIndex index = IndexKnowledge(d);
  for (const std::string org : {"Harbour League", "HL", "Reef Council"}) {
    auto all = PostHolders(d, org, "");
    auto indexed = PostHolders(d, org, "", &index);
    ASSERT_TRUE(all && indexed);
    ASSERT_EQ(indexed->size(), all->size()) << org;
    for (size_t i = 0; i < all->size(); ++i) {
      EXPECT_EQ(nlohmann::json(PostHolderJson(*indexed, i)), PostHolderJson(*all, i)) << org;
      EXPECT_EQ((*indexed)[i].span.first_story, (*all)[i].span.first_story) << org;
    }
  }
  // Checked by hand: the League's rows, Chen Wei first ("press secretary"
  // before "secretary general"), his evidence from s5, the first of the two.
  auto rows = PostHolders(d, "HL", "secretary", &index);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].person, "Chen Wei");
  EXPECT_EQ((*rows)[0].span.first_story, "s5");
  EXPECT_EQ((*rows)[0].span.stories, 2);
  EXPECT_EQ((*rows)[1].person, "Boris Lund");
  EXPECT_EQ((*rows)[1].span.first, "2024-02-01");
  EXPECT_EQ((*rows)[1].span.last, "2024-03-05");
  EXPECT_EQ((*rows)[1].span.first_story, "s4");
  EXPECT_EQ((*rows)[1].span.stories, 2);
  // An organization without posts: no rows.
  d.entities.push_back({.id = "o3", .type = EntityType::kOrganization, .name = "Tide Board"});
  auto none = PostHolders(d, "Tide Board", "", &index);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace annals::query
