#include "src/events/profile.h"

#include "src/text/lang_data.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::events {
namespace {

ArchiveData Sample() {
  ArchiveData d;
  d.stories = {{.id = "s1", .date = "2023-03-10"},
               {.id = "s2", .date = "2024-06-06"},
               {.id = "s3", .date = "2025-02-07"}};
  d.entities = {
      {.id = "o",
       .type = EntityType::kOrganization,
       .name = "Northern Defence Union",
       .aliases = {"NDU", "Union"}},
      {.id = "b1",
       .type = EntityType::kOrganization,
       .name = "NDU Council of Ministers",
       .aliases = {"Council of Ministers", "NDU CM", "CM"}},
      {.id = "b2",
       .type = EntityType::kOrganization,
       .name = "NDU Rapid Forces",
       .aliases = {"RF"}},
      {.id = "x", .type = EntityType::kOrganization, .name = "Southern Trade Council"},
      {.id = "f", .type = EntityType::kOrganization, .name = "Coast Guard"},
      {.id = "p1", .type = EntityType::kPerson, .name = "Anna Berg"},
      {.id = "p2", .type = EntityType::kPerson, .name = "Karl Dane"},
      {.id = "ex1", .type = EntityType::kExercise, .name = "Sea Shield-2024"},
      {.id = "ex2", .type = EntityType::kExercise, .name = "Tide Watch-2026"},
      {.id = "op", .type = EntityType::kOperation, .name = "Clearstream"},
      {.id = "doc", .type = EntityType::kDocument, .name = "Treaty of Velgrad"},
  };
  d.mentions = {{"o", "s1", 0, 1},   {"o", "s2", 0, 1},  {"b1", "s2", 0, 1},
                {"b1", "s1", 0, 1},  {"b2", "s3", 0, 1}, {"f", "s2", 0, 1},
                {"ex2", "s3", 0, 1}, {"op", "s2", 0, 1}, {"doc", "s3", 0, 1}};
  d.facts = {
      {.type = FactType::kMemberOf,
       .organization = "Northern Defence Union",
       .country = "Norland",
       .story_id = "s2"},
      {.type = FactType::kMemberOf, .organization = "NDU", .country = "Norland", .story_id = "s1"},
      {.type = FactType::kMemberOf,
       .organization = "Southern Trade Council",
       .country = "Sudland",
       .story_id = "s1"},
      {.type = FactType::kHoldsPost,
       .person = "Anna Berg",
       .post = "Secretary General",
       .organization = "Northern Defence Union",
       .date = "2023-03-10",
       .story_id = "s1"},
      {.type = FactType::kHoldsPost,
       .person = "Anna Berg",
       .post = "Secretary General",
       .organization = "Northern Defence Union",
       .date = "2025-02-07",
       .story_id = "s3"},
      {.type = FactType::kHoldsPost,
       .person = "Karl Dane",
       .post = "Secretary General",
       .organization = "Northern Defence Union",
       .date = "2021-01-05",
       .story_id = "s9"},
      {.type = FactType::kHoldsPost,
       .person = "Karl Dane",
       .post = "President",
       .organization = "Norland",
       .story_id = "s2"},
      {.type = FactType::kChairs,
       .organization = "Northern Defence Union",
       .country = "Norland",
       .year = 2024,
       .story_id = "s2"},
      {.type = FactType::kChairs,
       .organization = "NDU",
       .country = "Sudland",
       .year = 2023,
       .story_id = "s1"},
  };
  d.events = {
      {.id = "e1",
       .type = EventType::kExercise,
       .date = "2024-06-03",
       .date_end = "2024-06-05",
       .place = "Ostrava",
       .participants = {"Sea Shield-2024", "NDU Rapid Forces"},
       .stories = {"s2"}},
      {.id = "e2",
       .type = EventType::kMeeting,
       .date = "2025-02-07",
       .participants = {"NDU Council of Ministers", "Anna Berg"},
       .chair = "Norland",
       .stories = {"s3"}},
  };
  return d;
}

const ProfileSection& Section(const OrganizationProfile& p, const std::string& title) {
  for (const ProfileSection& s : p.sections) {
    if (s.title == title) return s;
  }
  static const ProfileSection kNone;
  ADD_FAILURE() << "no section " << title;
  return kNone;
}

TEST(ProfileTest, Sections) {
  auto p = BuildProfile(Sample(), "ndu", {});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->organization.name, "Northern Defence Union");
  ASSERT_EQ(p->sections.size(), 9u);

  // One line per member, resting on the earliest story (and its sentence: the
  // fifth field names the story the sentence offsets are in).
  EXPECT_EQ(Section(*p, "Members").lines,
            (std::vector<ProfileLine>{{"", "Norland", "2023-03-10", "s1", "s1"}}));
  // Bodies carry the acronym in their names; their own acronyms are listed.
  EXPECT_EQ(
      Section(*p, "Bodies").lines,
      (std::vector<ProfileLine>{{"", "NDU Council of Ministers (NDU CM, CM)", "2023-03-10", "s1"},
                                {"", "NDU Rapid Forces (RF)", "2025-02-07", "s3"}}));
  // Holders per post, in time order, each with the dates the pages show them.
  EXPECT_EQ(Section(*p, "Office holders").lines,
            (std::vector<ProfileLine>{
                {"Secretary General", "Karl Dane", "2021-01-05", "s9", "s9"},
                {"Secretary General", "Anna Berg", "2023-03-10 \xE2\x80\x93 2025-02-07", "s1", "s1"}}));
  EXPECT_EQ(Section(*p, "Chairmanship").lines,
            (std::vector<ProfileLine>{{"2023", "Sudland", "2023", "s1", "s1"},
                                      {"2024", "Norland", "2024", "s2", "s2"}}));
  // Forces: the body, and a formation named in the organization's stories.
  EXPECT_EQ(Section(*p, "Forces").lines,
            (std::vector<ProfileLine>{{"", "NDU Rapid Forces (RF)", "2025-02-07", "s3"},
                                      {"", "Coast Guard", "2024-06-06", "s2"}}));
  // Exercises per year: from events, then by the year in the name.
  EXPECT_EQ(Section(*p, "Exercises").lines,
            (std::vector<ProfileLine>{
                {"2024", "Sea Shield-2024 (Ostrava)", "2024-06-03 \xE2\x80\x93 2024-06-05", "s2"},
                {"2026", "Tide Watch-2026", "2026", "s3"}}));
  EXPECT_EQ(Section(*p, "Operations").lines,
            (std::vector<ProfileLine>{{"", "Clearstream", "", "s2"}}));
  EXPECT_EQ(Section(*p, "Documents").lines,
            (std::vector<ProfileLine>{{"", "Treaty of Velgrad", "2025-02-07", "s3"}}));
  const ProfileSection& latest = Section(*p, "Latest events");
  ASSERT_EQ(latest.lines.size(), 2u);
  EXPECT_EQ(latest.lines[0].text,
            "meeting: NDU Council of Ministers, Anna Berg, chaired by Norland");
  EXPECT_EQ(latest.lines[0].story_id, "s3");
}

TEST(ProfileTest, Lookup) {
  const ArchiveData d = Sample();
  EXPECT_TRUE(BuildProfile(d, "Northern Defence Union", {}).has_value());
  EXPECT_EQ(BuildProfile(d, "Southern", {})->organization.name, "Southern Trade Council");
  auto none = BuildProfile(d, "Atlantic Union", {});
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  auto several = BuildProfile(d, "council", {});  // two names contain it, none is it
  ASSERT_FALSE(several.has_value());
  EXPECT_EQ(several.error().code, ErrorCode::kInvalidInput);
  EXPECT_FALSE(BuildProfile(ArchiveData{}, "", {}).has_value());
}

// One ProfileIndex made once serves every organization's profile, each the
// same as a profile made with its own index; the earliest story of an entity
// is by date, then id, and a story only a mention names sorts last.
TEST(ProfileTest, OneIndexForManyProfiles) {
  ArchiveData d = Sample();
  // "Coast Guard" is also named in s0, which no story row lists (undated,
  // after every dated story), and in s2b, dated as s2 (after s2 by its id).
  d.mentions.push_back({"f", "s0", 0, 1});
  d.mentions.push_back({"f", "s2b", 0, 1});
  d.stories.push_back({.id = "s2b", .date = "2024-06-06"});
  const ProfileIndex index(d);
  for (const char* name : {"ndu", "Southern Trade Council", "NDU Rapid Forces"}) {
    auto shared = BuildProfile(d, index, name, {});
    auto own = BuildProfile(d, name, {});
    ASSERT_TRUE(shared.has_value()) << name;
    ASSERT_TRUE(own.has_value()) << name;
    EXPECT_EQ(shared->organization.name, own->organization.name) << name;
    ASSERT_EQ(shared->sections.size(), own->sections.size()) << name;
    for (size_t i = 0; i < own->sections.size(); ++i) {
      EXPECT_EQ(shared->sections[i].lines, own->sections[i].lines) << name << " " << i;
    }
  }
  // The Coast Guard is a force of the union by the story s2 they share, and
  // dated by its earliest story: s2, not s2b (same date, greater id) or s0.
  auto p = BuildProfile(d, index, "ndu", {});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(Section(*p, "Forces").lines,
            (std::vector<ProfileLine>{{"", "NDU Rapid Forces (RF)", "2025-02-07", "s3"},
                                      {"", "Coast Guard", "2024-06-06", "s2"}}));
  // Named only in s0 and s2b: s2b, dated, before the undated s0.
  d.mentions.erase(std::remove_if(d.mentions.begin(), d.mentions.end(),
                                  [](const Mention& m) {
                                    return m.entity_id == "f" && m.story_id == "s2";
                                  }),
                   d.mentions.end());
  // s2b is among the union's stories now too, so Coast Guard stays a force.
  d.mentions.push_back({"o", "s2b", 0, 1});
  const ProfileIndex again(d);
  auto q = BuildProfile(d, again, "ndu", {});
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(Section(*q, "Forces").lines,
            (std::vector<ProfileLine>{{"", "NDU Rapid Forces (RF)", "2025-02-07", "s3"},
                                      {"", "Coast Guard", "2024-06-06", "s2b"}}));
}

// A profile reads its organization's facts from the index (by the
// organization's names folded), as a scan of every fact would: facts naming
// it by name, by acronym and in other case, interleaved with another
// organization's facts; the organization also the object of a fact (a member
// of the other) and a fact with no organization. Expected lines worked out
// by hand from the facts below.
TEST(ProfileTest, FactsByOrganizationAsEveryFactScanned) {
  ArchiveData d;
  d.stories = {{.id = "t1", .date = "2020-01-01"},
               {.id = "t2", .date = "2021-01-01"},
               {.id = "t3", .date = "2022-01-01"},
               {.id = "t4", .date = "2019-06-01"}};
  d.entities = {
      {.id = "h", .type = EntityType::kOrganization, .name = "Harbour League", .aliases = {"HL"}},
      {.id = "r", .type = EntityType::kOrganization, .name = "Reef Council"}};
  auto member = [](const std::string& org, const std::string& country, const std::string& story) {
    return Fact{
        .type = FactType::kMemberOf, .organization = org, .country = country, .story_id = story};
  };
  auto holds = [](const std::string& org, const std::string& person, const std::string& date,
                  const std::string& story, const std::string& post = "Director") {
    return Fact{.type = FactType::kHoldsPost,
                .person = person,
                .post = post,
                .organization = org,
                .date = date,
                .story_id = story};
  };
  auto chairs = [](const std::string& org, const std::string& country, int year,
                   const std::string& story) {
    return Fact{.type = FactType::kChairs,
                .organization = org,
                .country = country,
                .year = year,
                .story_id = story};
  };
  d.facts = {
      member("Reef Council", "Norland", "t4"),                 // 0: the council's, earliest
      member("HL", "Norland", "t2"),                           // 1
      member("harbour league", "Norland", "t1"),               // 2: the league's earliest Norland
      member("Reef Council", "Harbour League", "t1"),          // 3: the league, a member
      holds("Reef Council", "Ola Lie", "2018-01-01", "t4"),    // 4
      holds("HL", "Ola Lie", "2020-05-01", "t3"),              // 5: first of two on one day
      holds("Harbour League", "Ola Lie", "2020-05-01", "t1"),  // 6: same day, later
      holds("Harbour League", "Ola Lie", "2021-07-01", "t2"),  // 7
      chairs("Reef Council", "Sudland", 2020, "t4"),           // 8
      chairs("HL", "Norland", 2021, "t2"),                     // 9
      chairs("", "Westland", 2021, "t3"),                      // 10: no organization
      chairs("Harbour League", "Sudland", 0, "t1"),            // 11: no year
      chairs("Harbour League", "Norland", 2021, "t1"),         // 12: earlier story
      // The other way round: the name first, then the acronym, on one day
      // (whichever name's facts were read first, one post would differ).
      holds("Harbour League", "Per Moe", "2020-03-01", "t2", "Treasurer"),  // 13
      holds("HL", "Per Moe", "2020-03-01", "t3", "Treasurer"),              // 14
  };
  const ProfileIndex index(d);
  auto p = BuildProfile(d, index, "Harbour League", {});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(Section(*p, "Members").lines,
            (std::vector<ProfileLine>{{"", "Norland", "2020-01-01", "t1", "t1"}}));
  EXPECT_EQ(Section(*p, "Office holders").lines,
            (std::vector<ProfileLine>{
                {"Director", "Ola Lie", "2020-05-01 \xE2\x80\x93 2021-07-01", "t3", "t3"},
                {"Treasurer", "Per Moe", "2020-03-01", "t2", "t2"}}));
  EXPECT_EQ(Section(*p, "Chairmanship").lines,
            (std::vector<ProfileLine>{{"", "Sudland", "", "t1", "t1"},
                                      {"2021", "Norland", "2021", "t1", "t1"}}));
  auto r = BuildProfile(d, index, "reef council", {});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(Section(*r, "Members").lines,
            (std::vector<ProfileLine>{{"", "Harbour League", "2020-01-01", "t1", "t1"},
                                      {"", "Norland", "2019-06-01", "t4", "t4"}}));
  EXPECT_EQ(Section(*r, "Office holders").lines,
            (std::vector<ProfileLine>{{"Director", "Ola Lie", "2018-01-01", "t4", "t4"}}));
  EXPECT_EQ(Section(*r, "Chairmanship").lines,
            (std::vector<ProfileLine>{{"2020", "Sudland", "2020", "t4", "t4"}}));
  // The server's chairing states: the facts with a year naming the
  // organization as written, or none.
  EXPECT_EQ(index.ChairsOf("Harbour League"), (std::vector<uint32_t>{10, 12}));
  EXPECT_EQ(index.ChairsOf("HL"), (std::vector<uint32_t>{9, 10}));
  EXPECT_EQ(index.ChairsOf("Reef Council"), (std::vector<uint32_t>{8, 10}));
  EXPECT_EQ(index.ChairsOf(""), (std::vector<uint32_t>{10}));
}

// The sections the same for every organization: SharedSections gives them
// as BuildProfile does; without them BuildProfile leaves their titles only.
TEST(ProfileTest, SharedSections) {
  const ArchiveData d = Sample();
  const ProfileIndex index(d);
  auto whole = BuildProfile(d, index, "ndu", {.latest_events = 1});
  auto bare = BuildProfile(d, index, "ndu", {.latest_events = 1, .shared_sections = false});
  ASSERT_TRUE(whole.has_value() && bare.has_value());
  const auto shared = SharedSections(d, index, {.latest_events = 1});
  ASSERT_EQ(whole->sections.size(), bare->sections.size());
  std::vector<std::string> titles;
  size_t k = 0;
  for (size_t i = 0; i < whole->sections.size(); ++i) {
    EXPECT_EQ(whole->sections[i].shared, bare->sections[i].shared);
    EXPECT_EQ(whole->sections[i].title, bare->sections[i].title);
    if (!whole->sections[i].shared) {
      EXPECT_EQ(whole->sections[i].lines, bare->sections[i].lines);
      continue;
    }
    titles.push_back(whole->sections[i].title);
    EXPECT_TRUE(bare->sections[i].lines.empty());
    ASSERT_LT(k, shared.size());
    EXPECT_EQ(shared[k].title, whole->sections[i].title);
    EXPECT_EQ(shared[k++].lines, whole->sections[i].lines);
  }
  EXPECT_EQ(k, shared.size());
  EXPECT_EQ(titles,
            (std::vector<std::string>{"Exercises", "Operations", "Documents", "Latest events"}));
  EXPECT_EQ(shared.back().lines.size(), 1u);  // latest_events
}

}  // namespace
}  // namespace annals::events

namespace annals::events {
namespace {

// Every head word of data/lang/en/entity_force_heads.tsv makes a body named
// in the organization's stories one of its forces (issue 21: the list is
// language data); a body of another head word is no force.
TEST(ProfileTest, EveryForceHeadMakesAForce) {
  auto forces = [](const std::string& head) {
    ArchiveData d = Sample();
    for (auto& e : d.entities) {
      if (e.id == "f") e.name = "Coast " + head;
    }
    auto p = BuildProfile(d, "ndu", {});
    std::vector<std::string> out;
    if (!p.has_value()) return out;
    for (const ProfileLine& l : Section(*p, "Forces").lines) out.push_back(l.text);
    return out;
  };
  size_t rows = 0;
  for (std::string_view w : text::LangWords("en", "entity_force_heads")) {
    std::string head(w);
    head[0] = static_cast<char>(head[0] - 'a' + 'A');
    const std::vector<std::string> got = forces(head);
    EXPECT_NE(std::find(got.begin(), got.end(), "Coast " + head), got.end()) << head;
    ++rows;
  }
  EXPECT_GE(rows, 10u);
  const std::vector<std::string> got = forces("Council");
  EXPECT_EQ(std::find(got.begin(), got.end(), "Coast Council"), got.end());
}

}  // namespace
}  // namespace annals::events
