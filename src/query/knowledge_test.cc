#include "src/query/knowledge.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <optional>
#include <random>

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

// The profile from an EntityPageIndex, checked by hand. Stories: s1
// 2024-01-05 (the League twice), s2 2024-01-20, s3 2023-12-01, s4 undated,
// s5 "2024" (too short for a month). The League is in all five, Pia and
// Tor (more mentioned than Pia, after her in the archive) in s1-s3, Quay in
// s2 and s4.
TEST(EntityPageIndexTest, ProfileCheckedByHand) {
  ArchiveData d;
  d.entities = {{.id = "l",
                 .type = EntityType::kOrganization,
                 .name = "Harbour League",
                 .aliases = {"HL", "the League"},
                 .mentions = 6},
                {.id = "p", .type = EntityType::kPerson, .name = "Pia Lund", .mentions = 3},
                {.id = "q", .type = EntityType::kPlace, .name = "Quay", .mentions = 2},
                {.id = "t", .type = EntityType::kPerson, .name = "Tor Berg", .mentions = 9}};
  d.stories = {{.id = "s1", .date = "2024-01-05"},
               {.id = "s2", .date = "2024-01-20"},
               {.id = "s3", .date = "2023-12-01"},
               {.id = "s4", .date = ""},
               {.id = "s5", .date = "2024"}};
  auto named = [&](const std::string& e, const std::string& s) {
    d.mentions.push_back({.entity_id = e, .story_id = s});
  };
  for (const char* s : {"s1", "s1", "s2", "s3", "s4", "s5"}) named("l", s);
  for (const char* s : {"s1", "s2", "s3"}) {
    named("p", s);
    named("t", s);
  }
  named("q", "s2");
  named("q", "s4");
  d.events = {{.id = "e1", .date = "2024-02", .participants = {"Harbour League"}},
              {.id = "e2", .date = "2023", .chair = "Harbour League"},
              {.id = "e3", .date = "2024-02", .place = "Harbour League"}};
  const KnowledgeIndex index = IndexKnowledge(d);
  const EntityPageIndex pages = IndexEntityPages(d, index);
  ASSERT_NE(pages.bitmap[0], kNoEntity);  // 5 stories: more than a bitmap's 1 word
  const EntityProfile p =
      BuildEntityProfile(d, d.entities[0], {.co_mentioned = 1, .max_events = 2}, &index, &pages);
  // Tor before Pia: as many stories, more mentions.
  ASSERT_EQ(p.co_mentioned.size(), 1u);
  EXPECT_EQ(p.co_mentioned[0].first, 3);
  EXPECT_EQ(p.co_mentioned[0].second->id, "t");
  using Months = std::vector<std::pair<std::string, int>>;
  EXPECT_EQ(p.mentions_by_month, (Months{{"2023-12", 1}, {"2024-01", 3}}));
  EXPECT_EQ(p.undated_mentions, 2);
  std::vector<std::string> stories;
  for (const Story* s : p.stories) stories.push_back(s->id);
  // "2024" sorts before "2024-01-05" and after "2023-12-01"; undated last.
  EXPECT_EQ(stories, (std::vector<std::string>{"s2", "s1", "s5", "s3", "s4"}));
  EXPECT_EQ(p.stories_total, 5u);
  // The latest two by date, e1 before e3 (one date: the archive's order).
  ASSERT_EQ(p.events.size(), 2u);
  EXPECT_EQ(p.events[0]->id, "e1");
  EXPECT_EQ(p.events[1]->id, "e3");
  EXPECT_EQ(p.events_total, 3u);
  const EntityProfile three = BuildEntityProfile(d, d.entities[0], {}, &index, &pages);
  ASSERT_EQ(three.co_mentioned.size(), 3u);
  EXPECT_EQ(three.co_mentioned[1].second->id, "p");
  EXPECT_EQ(three.co_mentioned[2].second->id, "q");
  EXPECT_EQ(three.co_mentioned[2].first, 2);
}

// Every entity's profile from the EntityPageIndex is the one walked from
// its stories, on an invented archive of 400 stories (a heavy organization
// with aliases in most, 60 others in fewer and fewer, up to three mentions
// a story, dates over three years with some undated or without a month,
// ties in stories shared and in mentions), with several options.
TEST(EntityPageIndexTest, SameProfileAsTheWalk) {
  ArchiveData d;
  std::mt19937 rng(22);
  auto roll = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };  // 0 .. n - 1
  for (int i = 0; i < 400; ++i) {
    Story s{.id = "s" + std::to_string(i)};
    const unsigned r = roll(20);
    if (r == 0) {
      s.date = "";
    } else if (r == 1) {
      s.date = std::to_string(2020 + roll(3));
    } else {
      char date[16];
      std::snprintf(date, sizeof date, "%04u-%02u-%02u", 2020 + roll(3), 1 + roll(12),
                    1 + roll(28));
      s.date = date;
    }
    d.stories.push_back(s);
  }
  for (int e = 0; e < 61; ++e) {
    Entity x{.id = "e" + std::to_string(e),
             .type = e % 2 == 0 ? EntityType::kOrganization : EntityType::kPerson,
             .name = "Name " + std::to_string(e),
             .mentions = e % 4};  // ties, broken by the archive's order
    if (e == 0) x.aliases = {"N0", "The Zero"};
    d.entities.push_back(x);
    const int percent = e == 0 ? 90 : 61 - e;
    for (const Story& s : d.stories) {
      if (static_cast<int>(roll(100)) >= percent) continue;
      for (unsigned m = 1 + roll(3); m > 0; --m) {
        d.mentions.push_back({.entity_id = x.id, .story_id = s.id});
      }
    }
  }
  for (int i = 0; i < 80; ++i) {
    Event ev{.id = "v" + std::to_string(i), .date = "202" + std::to_string(roll(3))};
    if (roll(2) == 0) ev.date += "-0" + std::to_string(1 + roll(9));
    ev.chair = "Name " + std::to_string(roll(61));
    ev.participants = {"Name " + std::to_string(roll(61)), "Name 0"};
    d.events.push_back(ev);
  }
  const KnowledgeIndex index = IndexKnowledge(d);
  const EntityPageIndex pages = IndexEntityPages(d, index);
  size_t bitmapped = 0;
  for (uint32_t b : pages.bitmap) bitmapped += b != kNoEntity;
  EXPECT_GT(bitmapped, 20u);  // both ways of counting co-mentioned entities are tried
  const std::vector<EntityProfileOptions> options = {
      {},
      {.co_mentioned = 3, .max_events = 5, .max_stories = 7},
      {.co_mentioned = 0},
      {.co_mentioned = 100, .max_events = 100, .max_stories = 1000}};
  for (const Entity& e : d.entities) {
    for (const EntityProfileOptions& o : options) {
      const nlohmann::json walked = EntityProfileJson(BuildEntityProfile(d, e, o, &index));
      const nlohmann::json indexed = EntityProfileJson(BuildEntityProfile(d, e, o, &index, &pages));
      EXPECT_EQ(indexed.dump(), walked.dump()) << e.id << " co_mentioned " << o.co_mentioned;
    }
  }
  // An entity no story names: the same empty profile.
  const Entity nobody{.id = "zz", .name = "Nobody"};
  EXPECT_EQ(EntityProfileJson(BuildEntityProfile(d, nobody, {}, &index, &pages)).dump(),
            EntityProfileJson(BuildEntityProfile(d, nobody, {}, &index)).dump());
}

}  // namespace
}  // namespace annals::query
