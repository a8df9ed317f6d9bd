#include "src/query/knowledge.h"

#include <gtest/gtest.h>

namespace annals::query {
namespace {

Fact Holds(const std::string& person, const std::string& post, const std::string& date,
           const std::string& story) {
  return Fact{.type = FactType::kHoldsPost, .person = person, .post = post,
              .organization = "Harbour League", .date = date, .story_id = story};
}

const PostHolder* Row(const std::vector<PostHolder>& rows, const std::string& person) {
  for (const PostHolder& r : rows) {
    if (r.person == person) return &r;
  }
  return nullptr;
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
  const PostHolder* ana = Row(*rows, "Ana Berg");
  const PostHolder* boris = Row(*rows, "Boris Lund");
  const PostHolder* chen = Row(*rows, "Chen Wei");
  const PostHolder* dana = Row(*rows, "Dana Holm");
  const PostHolder* erik = Row(*rows, "Erik Moe");
  const PostHolder* finn = Row(*rows, "Finn Dahl");
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
  for (const PostHolder& r : *rows) EXPECT_TRUE(r.overlaps.empty()) << r.person;
}

}  // namespace
}  // namespace annals::query
