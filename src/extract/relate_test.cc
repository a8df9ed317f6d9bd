#include "src/extract/relate.h"
#include "src/extract/packaged_for_tests.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "src/common/file_size_limit_for_tests.h"
#include "src/extract/chunked_for_tests.h"
#include "src/extract/parked.h"
#include "src/extract/reader.h"
#include "src/extract/reading_cache_for_tests.h"

namespace annals::extract {
namespace {

using fixtures::Chunked;

using fixtures::Packaged;

Knowledge Extract(const std::vector<Story>& stories,
                  const std::vector<Correction>& corrections = {}) {
  auto k = Relate(stories, corrections, RelateOptions{.threads = 2}, Packaged());
  EXPECT_TRUE(k) << k.error().message;
  return k ? std::move(*k) : Knowledge{};
}

Knowledge RunText(const std::string& text, const std::string& date = "2025-05-28") {
  return Extract({Story{.id = "s1", .date = date, .text = text}});
}

const Entity* Find(const Knowledge& k, const std::string& name) {
  for (const Entity& e : k.entities) {
    if (e.name == name) return &e;
    if (std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end()) return &e;
  }
  return nullptr;
}

std::vector<std::string> Names(const Knowledge& k, EntityType type) {
  std::vector<std::string> out;
  for (const Entity& e : k.entities) {
    if (e.type == type) out.push_back(e.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// k's facts with their entities' names (their stories' ids and dates left
// empty).
std::vector<Fact> Named(const Knowledge& k) {
  std::vector<Fact> out;
  for (const FactRef& f : k.facts) out.push_back(NamedFact(f, k.entities, "", ""));
  return out;
}

bool HasPost(const Knowledge& k, const std::string& person, const std::string& post,
             const std::string& org) {
  for (const Fact& f : Named(k)) {
    if (f.type == FactType::kHoldsPost && f.person == person && f.post == post &&
        f.organization == org) {
      return true;
    }
  }
  return false;
}

bool HasChair(const Knowledge& k, const std::string& country, const std::string& org, int year) {
  for (const Fact& f : Named(k)) {
    if (f.type == FactType::kChairs && f.country == country && f.organization == org &&
        f.year == year) {
      return true;
    }
  }
  return false;
}

// ---- names ----

TEST(Relate, TitleOrRankStaysApartFromTheName) {
  struct Case {
    std::string text, person;
  } cases[] = {
      {"Colonel General Ivan Petrov inspected the troops.", "Ivan Petrov"},
      {"The visit of Secretary General Maria Lopez ended.", "Maria Lopez"},
      {"Mr. John Hardy spoke first.", "John Hardy"},
      {"The report of A.K. Volkov was approved.", "A.K. Volkov"},
  };
  for (const Case& c : cases) {
    Knowledge k = RunText(c.text);
    EXPECT_EQ(Names(k, EntityType::kPerson), std::vector<std::string>{c.person}) << c.text;
  }
}

TEST(Relate, NoEntityFromPronounsMonthsTitlesAlone) {
  for (const char* text : {
           "On Monday, the delegates met again.",
           "The Seventh. Rising water near the dams.",
           "Dear Friends, Distinguished guests!",
           "We thank them. They left in March.",
           "In June the President said that the Secretary General agreed.",
           "Allow us to begin. Thanks to hard work, it succeeded.",
       }) {
    Knowledge k = RunText(text);
    EXPECT_TRUE(k.entities.empty())
        << text << ": " << (k.entities.empty() ? "" : k.entities[0].name);
  }
}

TEST(Relate, StatesInEveryForm) {
  Knowledge k = RunText(
      "The Union unites six countries - Austria, the Republics of Slovenia, Croatia, Hungary, "
      "Poland and the Slovak Republic. Slovakia hosted the talks.");
  EXPECT_EQ(Names(k, EntityType::kCountry),
            (std::vector<std::string>{"Austria", "Croatia", "Hungary", "Poland", "Slovakia",
                                      "Slovenia"}));
  const Entity* sk = Find(k, "Slovakia");
  ASSERT_NE(sk, nullptr);
  EXPECT_EQ(sk->mentions, 2);
}

TEST(Relate, OrganizationsBodiesPlacesExercisesOperationsDocuments) {
  Knowledge k = RunText(
      "On 14-16 October, the Northern Defence Alliance Joint Staff met in Bratislava with the "
      "heads of the Alpine Office on Rivers and Lakes. The forces held the exercise "
      "\xE2\x80\x9CSteel Shield-2025\xE2\x80\x9D and the operations \xE2\x80\x9C"
      "Harbor\xE2\x80\x9D and \xE2\x80\x9CNightfall\xE2\x80\x9D under the Treaty of Oslo on "
      "Mutual Aid.");
  EXPECT_EQ(Names(k, EntityType::kExercise), std::vector<std::string>{"Steel Shield-2025"});
  EXPECT_EQ(Names(k, EntityType::kOperation), (std::vector<std::string>{"Harbor", "Nightfall"}));
  EXPECT_EQ(Names(k, EntityType::kDocument),
            std::vector<std::string>{"Treaty of Oslo on Mutual Aid"});
  EXPECT_NE(Find(k, "Northern Defence Alliance Joint Staff"), nullptr);
  EXPECT_NE(Find(k, "Alpine Office on Rivers and Lakes"), nullptr);
  const Entity* city = Find(k, "Bratislava");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->type, EntityType::kPlace);
}

TEST(Relate, PlacesByTheirHeadWord) {
  Knowledge k = RunText(
      "The exercise was held in the Linz Region and the Harbour District. Guests came to the "
      "BWO Headquarters and to Old Square. A Senator from the Linz Region Ivan Smith spoke.");
  EXPECT_EQ(Names(k, EntityType::kPlace),
            (std::vector<std::string>{"BWO Headquarters", "Harbour District", "Linz Region",
                                      "Old Square"}))
      << ::testing::PrintToString(Names(k, EntityType::kPlace));
  EXPECT_EQ(Names(k, EntityType::kPerson), std::vector<std::string>{"Ivan Smith"});
}

TEST(Relate, BodiesNamedWithAndOrAfterAStatesName) {
  Knowledge k = RunText(
      "He met Ivan Smith, the Deputy Head of the Technical and Legal Department of the "
      "BWO Secretariat, and Petr Novak, the President of the Russian Federation of Table "
      "Tennis. He said that Maria Lopez, Director of the Institute of Japan and Pacific "
      "Studies, spoke.");
  EXPECT_NE(Find(k, "Technical and Legal Department"), nullptr);
  EXPECT_NE(Find(k, "Russian Federation of Table Tennis"), nullptr);
  EXPECT_NE(Find(k, "Institute of Japan and Pacific Studies"), nullptr);
  EXPECT_TRUE(HasPost(k, "Petr Novak", "President", "Russian Federation of Table Tennis"));
  EXPECT_TRUE(HasPost(k, "Maria Lopez", "Director", "Institute of Japan and Pacific Studies"));
  EXPECT_EQ(Names(k, EntityType::kCountry), (std::vector<std::string>{"Japan", "Russia"}));
}

TEST(Relate, ABodyNamedByAListOfWords) {
  Knowledge k = RunText(
      "He met the staff of the Ministry of Fisheries, Water Affairs and Ports of the Kingdom "
      "of Norway. Later Ivan Smith, Petr Novak and Maria Lopez of the Harbour Council came.");
  EXPECT_EQ(Names(k, EntityType::kOrganization),
            (std::vector<std::string>{"Harbour Council",
                                      "Ministry of Fisheries, Water Affairs and Ports of the "
                                      "Kingdom of Norway"}))
      << ::testing::PrintToString(Names(k, EntityType::kOrganization));
}

TEST(Relate, OneBodyWrittenWithOtherConnectors) {
  Knowledge k = Extract({
      {.id = "s1", .date = "2025-05-28",
       .text = "The Harbour Commission on Water Trade met. The Council of Ministers of Fisheries of "
               "the Baltic Water Organization met too."},
      {.id = "s2", .date = "2025-05-29",
       .text = "The Harbour Commission for Water Trade met again. The Council of Fisheries Ministers "
               "met in Linz."},
  });
  const Entity* a = Find(k, "Harbour Commission on Water Trade");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a, Find(k, "Harbour Commission for Water Trade"));
  const Entity* b = Find(k, "Council of Fisheries Ministers");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b, Find(k, "Council of Ministers of Fisheries"));
}

TEST(Relate, MediaOutlets) {
  Knowledge k = RunText(
      "He told KORDA news agency about it. In a commentary to Vesta.Info he spoke again. "
      "The Private Research Organization \xE2\x80\x98Institute of Plain Words\xE2\x80\x99 "
      "sent a reply.");
  EXPECT_EQ(Names(k, EntityType::kOrganization),
            (std::vector<std::string>{"Institute of Plain Words", "KORDA", "Vesta.Info"}));
}

// ---- aliases ----

TEST(Relate, AcronymAndExpansion) {
  Knowledge k = Extract({
      {.id = "a", .date = "2024-01-10",
       .text = "The Northern Rapid Response Forces (NRRF) trained. The Baltic Water Council met."},
      {.id = "b", .date = "2024-03-01", .text = "The NRRF returned. The BWC approved the plan."},
  });
  const Entity* nrrf = Find(k, "NRRF");
  ASSERT_NE(nrrf, nullptr);
  EXPECT_EQ(nrrf->name, "Northern Rapid Response Forces");
  EXPECT_EQ(nrrf->mentions, 3);
  EXPECT_EQ(nrrf->first_seen, "2024-01-10");
  EXPECT_EQ(nrrf->last_seen, "2024-03-01");
  const Entity* bwc = Find(k, "BWC");
  ASSERT_NE(bwc, nullptr);
  EXPECT_EQ(bwc->name, "Baltic Water Council");
}

TEST(Relate, InitialsAndSurnameWithOneSuchPerson) {
  Knowledge k = Extract({
      {.id = "a", .text = "Secretary General Ivan Smith opened the session."},
      {.id = "b", .text = "I.V. Smith met the press. Later I. Smith left, and Smith returned."},
  });
  EXPECT_EQ(Names(k, EntityType::kPerson), std::vector<std::string>{"Ivan Smith"});
  EXPECT_EQ(Find(k, "Ivan Smith")->mentions, 4);
}

TEST(Relate, TransliterationsOfOneNameAreOnePerson) {
  Knowledge k = Extract({
      {.id = "s1", .date = "2025-05-28",
       .text = "The Secretary General Yury Kuzmenkov and Deputy Secretary General P. Dorabayev "
               "spoke."},
      {.id = "s2", .date = "2025-05-29",
       .text = "The Secretary General Yuri Kuzmenkov and Deputy Secretary General Pavel Dorabaev "
               "met. Later Dorabayev left."},
      {.id = "s3", .date = "2025-05-30",
       .text = "The Special Representative Bolat Tursykov met the Special Representative "
               "Bolat Tursikov's guests."},
  });
  EXPECT_EQ(Names(k, EntityType::kPerson),
            (std::vector<std::string>{"Bolat Tursikov", "Pavel Dorabaev", "Yuri Kuzmenkov"}))
      << ::testing::PrintToString(Names(k, EntityType::kPerson));
}

TEST(Relate, TwoPeopleOfOneSurnameStayApart) {
  Knowledge k = Extract({
      {.id = "a", .text = "President Ivan Smith met Colonel Peter Smith."},
      {.id = "b", .text = "Smith said nothing."},
  });
  EXPECT_EQ(Names(k, EntityType::kPerson), (std::vector<std::string>{"Ivan Smith", "Peter Smith"}));
  EXPECT_EQ(Find(k, "Ivan Smith")->mentions, 1);
}

TEST(Relate, BodyUnderItsParentAndAloneAndTheOrganization) {
  Knowledge k = Extract({
      {.id = "a",
       .text = "The Baltic Water Organization (BWO) met. The BWO Joint Staff reported. "
               "The Organization thanked the Council of Ministers of the Organization."},
      {.id = "b", .text = "The Joint Staff planned. The BWO Council of Ministers approved."},
  });
  const Entity* staff = Find(k, "Joint Staff");
  ASSERT_NE(staff, nullptr);
  EXPECT_EQ(staff->name, "BWO Joint Staff");
  EXPECT_EQ(staff->mentions, 2);
  const Entity* council = Find(k, "Council of Ministers");
  ASSERT_NE(council, nullptr);
  EXPECT_EQ(council->name, "BWO Council of Ministers");
  const Entity* org = Find(k, "BWO");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->name, "Baltic Water Organization");
  // Named twice, "the Organization" once, and once as the Council's parent.
  EXPECT_GE(org->mentions, 4);
}

TEST(Relate, AmbiguousAnaphorNamesNothing) {
  Knowledge k = RunText(
      "The Baltic Water Organization and the Arctic Ice Organization met. The Organization "
      "agreed.");
  ASSERT_EQ(Names(k, EntityType::kOrganization).size(), 2u);
  for (const Entity& e : k.entities) EXPECT_EQ(e.mentions, 1) << e.name;
}

// ---- facts ----

TEST(Relate, HoldsPostInEveryOrder) {
  struct Case {
    std::string text, person, post, org;
  } cases[] = {
      {"He met the Secretary General of the Baltic Water Organization, Ivan Smith, today.",
       "Ivan Smith", "Secretary General", "Baltic Water Organization"},
      {"The Baltic Water Organization Secretary General Ivan Smith spoke.", "Ivan Smith",
       "Secretary General", "Baltic Water Organization"},
      {"Ivan Smith, the Baltic Water Organization Secretary General, spoke.", "Ivan Smith",
       "Secretary General", "Baltic Water Organization"},
      {"The Hungarian Foreign Minister Ivan Smith spoke.", "Ivan Smith", "Foreign Minister",
       "Hungary"},
      {"He met the President of the Republic of Austria, the distinguished Ivan Smith.",
       "Ivan Smith", "President", "Austria"},
      {"The Chief of the BWO Joint Staff Colonel General Ivan Smith arrived.", "Ivan Smith",
       "Chief of the Joint Staff", "BWO"},
      // A portfolio stays with the post; the state after it owns the post.
      {"He met the Minister for Emergency Situations of the Republic of Austria Ivan Smith.",
       "Ivan Smith", "Minister for Emergency Situations", "Austria"},
      {"He met the First Deputy Minister of Culture and Tourism of the Slovak Republic Ivan Smith.",
       "Ivan Smith", "First Deputy Minister of Culture and Tourism", "Slovakia"},
      // A rank with a hyphen is a rank.
      {"The BWO Secretary General Colonel-General Ivan Smith spoke.", "Ivan Smith",
       "Secretary General", "BWO"},
      // A state's body owns its posts.
      {"The Austrian Security Council Secretary Ivan Smith spoke.", "Ivan Smith", "Secretary",
       "Austrian Security Council"},
      // Posts in a row, by commas and dashes, before one name.
      {"It was chaired by the Chairman of the Harbour Committee, Chief of the General Staff of "
       "the Armed Forces of the Republic of Austria - Deputy Minister of Defense of Austria, Army "
       "General Ivan Smith.",
       "Ivan Smith", "Chief", "General Staff of the Armed Forces of the Republic of Austria"},
      // A post in a row without its owner has the owner of the next.
      {"It was chaired by the State Secretary, Deputy Minister of the Interior of the Slovak "
       "Republic Ivan Smith.",
       "Ivan Smith", "State Secretary", "Slovakia"},
      // A body of a body of an organization: the post is of the organization.
      {"He said that Ivan Smith, Head of the Planning Department of the Harbour Council of the "
       "Baltic Water Organization, took part.",
       "Ivan Smith", "Head of the Planning Department", "Baltic Water Organization"},
      // Posts in a row after one name.
      {"It was chaired by Ivan Smith, the Deputy Prime Minister of the Slovak Republic - Minister "
       "of Culture and Tourism of the Slovak Republic, Chairman of the BWO Harbour Commission.",
       "Ivan Smith", "Chairman of the Harbour Commission", "BWO"},
      {"It was chaired by Ivan Smith, the Deputy Prime Minister of the Slovak Republic - Minister "
       "of Culture and Tourism of the Slovak Republic, Chairman of the BWO Harbour Commission.",
       "Ivan Smith", "Minister of Culture and Tourism", "Slovakia"},
      // A surname in capitals.
      {"So said the Secretary General of the Baltic Water Organization Ivan SMITH.", "Ivan SMITH",
       "Secretary General", "Baltic Water Organization"},
      {"He met the BWO Secretary General Ivan SMITH in Linz.", "Ivan SMITH", "Secretary General",
       "BWO"},
  };
  for (const Case& c : cases) {
    Knowledge k = RunText(c.text);
    EXPECT_TRUE(HasPost(k, c.person, c.post, c.org)) << c.text;
  }
}

TEST(Relate, OnePostInThePluralForAListOfStatesAndHolders) {
  Knowledge k = RunText(
      "The defense ministers of the Republic of Austria (Lieutenant General Ivan Smith), of the "
      "Slovak Republic (Colonel General Petr Novak), as well as the BWO Secretary General Maria "
      "Lopez took part.");
  EXPECT_TRUE(HasPost(k, "Ivan Smith", "Defense Minister", "Austria"));
  EXPECT_TRUE(HasPost(k, "Petr Novak", "Defense Minister", "Slovakia"));
  EXPECT_TRUE(HasPost(k, "Maria Lopez", "Secretary General", "BWO"));
}

TEST(Relate, TroopsAreABodyNotAPerson) {
  Knowledge k = RunText("The Head of the BWO Troops Major General Ivan Smith arrived.");
  EXPECT_EQ(Names(k, EntityType::kPerson), std::vector<std::string>{"Ivan Smith"});
  EXPECT_TRUE(HasPost(k, "Ivan Smith", "Head", "BWO Troops"));
}

TEST(Relate, TwoPostsBeforeOneName) {
  Knowledge k = RunText(
      "Chairman of the Baltic Water Council, President of the Slovak Republic Ivan Smith "
      "received the guests.");
  EXPECT_TRUE(HasPost(k, "Ivan Smith", "President", "Slovakia"));
  EXPECT_TRUE(HasPost(k, "Ivan Smith", "Chairman", "Baltic Water Council"));
}

TEST(Relate, FactsPointToTheirSentence) {
  const std::string text =
      "Nothing here. The Baltic Water Organization Secretary General Ivan Smith spoke.";
  const std::vector<Story> stories = {{.id = "s1", .date = "2025-05-28", .text = text}};
  Knowledge k = Extract(stories);
  const std::vector<Fact> facts = FactsWithNames(k, stories);
  ASSERT_FALSE(facts.empty());
  const Fact& f = facts[0];
  EXPECT_EQ(f.story_id, "s1");
  EXPECT_EQ(f.date, "2025-05-28");
  EXPECT_EQ(f.person, "Ivan Smith");
  EXPECT_EQ(text.substr(f.sentence_begin, f.sentence_end - f.sentence_begin),
            "The Baltic Water Organization Secretary General Ivan Smith spoke.");
  for (const MentionRef& m : k.mentions) {
    EXPECT_EQ(m.story, 0u);  // the one story, "s1"
    EXPECT_LE(m.end, text.size());
  }
}

TEST(Relate, TheTitleNamesEntitiesButMentionsAndFactsStayInTheText) {
  // The headline names a person and a body the text names only in part.
  const std::string text = "Smith thanked the hosts of the Council.";
  const std::vector<Story> stories = {
      {.id = "s1",
       .date = "2025-05-28",
       .title = "Baltic Water Council Secretary General Ivan Smith visited Linz",
       .text = text}};
  Knowledge k = Extract(stories);
  const Entity* smith = Find(k, "Ivan Smith");
  ASSERT_NE(smith, nullptr);
  EXPECT_EQ(smith->type, EntityType::kPerson);
  EXPECT_NE(Find(k, "Baltic Water Council"), nullptr);
  ASSERT_FALSE(k.mentions.empty());
  for (const MentionRef& m : k.mentions) {
    ASSERT_LE(m.end, text.size());
    ASSERT_LT(m.begin, m.end);
  }
  // "Smith" in the text is the person of the title.
  bool smith_in_text = false;
  for (const MentionRef& m : k.mentions) {
    if (&k.entities[m.entity] == smith) {
      smith_in_text = true;
      EXPECT_EQ(text.substr(m.begin, m.end - m.begin), "Smith");
    }
  }
  EXPECT_TRUE(smith_in_text);
  // Its mention count is that of the text's mentions.
  EXPECT_EQ(smith->mentions, 1);
  // A fact's sentence is always one of the text.
  for (const Fact& f : FactsWithNames(k, stories)) EXPECT_LE(f.sentence_end, text.size());
}

TEST(Relate, AWordInCapitalsIsNoAcronym) {
  Knowledge k = Extract({{.id = "s1",
                          .date = "2025-05-28",
                          .title = "STATEMENT of the Council of the BWO",
                          .text = "The plan APPROVED by the BWO OF 2024 was read. The BWO "
                                  "JOURNAL wrote about it."}});
  EXPECT_EQ(Find(k, "STATEMENT"), nullptr);
  EXPECT_EQ(Find(k, "APPROVED"), nullptr);
  EXPECT_EQ(Find(k, "OF"), nullptr);
  EXPECT_EQ(Find(k, "JOURNAL"), nullptr);
  ASSERT_NE(Find(k, "BWO"), nullptr);
  EXPECT_EQ(Find(k, "BWO")->type, EntityType::kOrganization);
}

TEST(Relate, Chairs) {
  struct Case {
    std::string text, date, country, org;
    int year;
  } cases[] = {
      {"The Baltic Water Organization met under the chairmanship of the Slovak side.",
       "2025-05-28", "Slovakia", "Baltic Water Organization", 2025},
      {"The plans of the Chairmanship of the Slovak Republic for 2025 in the Baltic Water "
       "Organization were shown.",
       "2025-02-07", "Slovakia", "Baltic Water Organization", 2025},
      {"The Baltic Water Organization recalled the presidency of Hungary in 2022.", "2024-01-01",
       "Hungary", "Baltic Water Organization", 2022},
      {"The Baltic Water Organization recalled that during the former Presidency of the "
       "Republic of Croatia last year much was done.",
       "2023-03-10", "Croatia", "Baltic Water Organization", 2022},
      {"Austria, which chairs the Baltic Water Organization in 2025, sent a team.", "2025-01-09",
       "Austria", "Baltic Water Organization", 2025},
      {"The incoming Slovak BWO Chairmanship announced its plans.", "2019-03-20", "Slovakia", "BWO",
       2019},
  };
  for (const Case& c : cases) {
    Knowledge k = RunText(c.text, c.date);
    EXPECT_TRUE(HasChair(k, c.country, c.org, c.year)) << c.text;
  }
}

TEST(Relate, AMeetingChairedSaysNothingOfWhoChairsTheOrganization) {
  for (const std::string text : {
           "A meeting of the BWO Harbour Council was held under the chairmanship of the Republic "
           "of Austria.",
           "On March 3, 2021, under the chairmanship of the Minister of Defense of the Republic of "
           "Austria Ivan Smith, a session of the Baltic Water Organization took place.",
       }) {
    Knowledge k = RunText(text);
    for (const Fact& f : Named(k)) EXPECT_NE(f.type, FactType::kChairs) << text;
  }
}

TEST(Relate, ChairYearFromTheStoryWhenUndated) {
  Knowledge k = Extract({{.id = "a",
                      .text = "Early in 2023 the Baltic Water Organization grew.\n\n"
                              "During the former Presidency of the Republic of Croatia last "
                              "year the work began."}});
  EXPECT_TRUE(HasChair(k, "Croatia", "Baltic Water Organization", 2022));
}

TEST(Relate, MemberOf) {
  struct Case {
    std::string text;
    std::vector<std::string> members;
  } cases[] = {
      {"The Baltic Water Organization unites six countries - Austria, the Republics of Slovenia, "
       "Croatia, Hungary, Poland and the Slovak Republic.",
       {"Austria", "Croatia", "Hungary", "Poland", "Slovakia", "Slovenia"}},
      {"Romania and Serbia joined the Baltic Water Organization in 2004, Czechia and Bulgaria "
       "in 2011.",
       {"Bulgaria", "Czechia", "Romania", "Serbia"}},
      {"The Baltic Water Organization met in Riga. Latvia and Estonia were glad.", {}},
  };
  for (const Case& c : cases) {
    Knowledge k = RunText(c.text);
    std::vector<std::string> got;
    for (const Fact& f : Named(k)) {
      if (f.type == FactType::kMemberOf) {
        EXPECT_EQ(f.organization, "Baltic Water Organization");
        got.push_back(f.country);
      }
    }
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, c.members) << c.text;
  }
}

// ---- ids and corrections ----

TEST(Relate, IdsAreStableAndDependOnTypeAndName) {
  Knowledge a = RunText("The Baltic Water Organization met in Riga.");
  Knowledge b = Extract({{.id = "x", .text = "Later. The Baltic Water Organization met again."}});
  const Entity* ea = Find(a, "Baltic Water Organization");
  const Entity* eb = Find(b, "Baltic Water Organization");
  ASSERT_TRUE(ea && eb);
  EXPECT_EQ(ea->id, eb->id);
  EXPECT_NE(ea->id, Find(a, "Riga")->id);
}

TEST(Relate, CorrectionsAppliedInOrderByAnyAlias) {
  const std::vector<Story> stories = {
      {.id = "a",
       .text = "NORDEF grew. The Northern Defence Alliance met. Colonel Ivan Smith spoke."}};
  Knowledge merged =
      Extract(stories, {{Correction::Kind::kMerge, "nordef", "Northern Defence Alliance"}});
  const Entity* nordef = Find(merged, "NORDEF");
  ASSERT_NE(nordef, nullptr);
  EXPECT_EQ(nordef->name, "NORDEF");
  EXPECT_NE(std::find(nordef->aliases.begin(), nordef->aliases.end(), "Northern Defence Alliance"),
            nordef->aliases.end());
  EXPECT_EQ(nordef->mentions, 2);

  Knowledge renamed =
      Extract(stories, {{Correction::Kind::kMerge, "NORDEF", "Northern Defence Alliance"},
                        {Correction::Kind::kRename, "Northern Defence Alliance",
                         "Northern Defence Treaty Organization"}});
  const Entity* r = Find(renamed, "Northern Defence Treaty Organization");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "Northern Defence Treaty Organization");
  EXPECT_NE(std::find(r->aliases.begin(), r->aliases.end(), "NORDEF"), r->aliases.end());

  Knowledge split =
      Extract(stories, {{Correction::Kind::kMerge, "NORDEF", "Northern Defence Alliance"},
                        {Correction::Kind::kSplit, "NORDEF", "Northern Defence Alliance"}});
  const Entity* a = Find(split, "Northern Defence Alliance");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->name, "Northern Defence Alliance");
  EXPECT_EQ(a->mentions, 1);
  EXPECT_EQ(Find(split, "NORDEF")->mentions, 1);

  // A correction that names nothing changes nothing.
  Knowledge none = Extract(stories, {{Correction::Kind::kRename, "Nobody", "Somebody"}});
  EXPECT_EQ(none.entities, Extract(stories).entities);
}

// ---- stories read a chunk at a time ----

// Names defined in one story and found again in later ones (acronyms,
// surnames, "the Alliance"), facts, and a split correction, which reads the
// texts once more.
// k's parked mentions and facts, read back into its lists.
Knowledge Unparked(const Knowledge& k, size_t stories) {
  Knowledge out;
  EXPECT_TRUE(k.parked_mentions && k.parked_facts);
  if (!k.parked_mentions || !k.parked_facts) return out;
  std::vector<MentionRef> one;
  std::unique_ptr<MentionCursor> cursor = k.parked_mentions->Open();
  for (uint32_t s = 0; s < stories; ++s) {
    EXPECT_TRUE(cursor->Next(s, &one));
    out.mentions.insert(out.mentions.end(), one.begin(), one.end());
  }
  EXPECT_TRUE(k.parked_facts->ForEach([&](const FactRef& f) {
    out.facts.push_back(f);
    return Ok();
  }));
  return out;
}

std::vector<Story> CrossStoryArchive() {
  return {
      {.id = "a", .date = "2024-01-10",
       .text = "The Northern Defence Alliance (NORDEF) met. Secretary General Ivan Smith spoke."},
      {.id = "b", .date = "2024-02-01", .text = "NORDEF grew. Smith said Norway chairs NORDEF in 2024."},
      {.id = "c", .date = "2024-03-01",
       .text = "The Baltic Water Council met in Riga. I. Smith left the Northern Defence Alliance."},
      {.id = "d", .date = "2024-04-01", .text = "The Alliance, NORDEF, named Colonel Peter Brown."},
      {.id = "e", .date = "2024-05-01", .text = "Brown and Smith met the Baltic Water Council."},
  };
}

TEST(Relate, ChunksGiveWhatTheWholeSpanGives) {
  const std::vector<Correction> corrections = {
      {Correction::Kind::kSplit, "Northern Defence Alliance", "NORDEF"}};
  const std::vector<Story> stories = CrossStoryArchive();
  const Knowledge whole = Extract(stories, corrections);
  // What makes the test: forms found in later stories, facts, and the split.
  ASSERT_NE(Find(whole, "Ivan Smith"), nullptr);
  EXPECT_EQ(Find(whole, "Ivan Smith")->mentions, 4);
  ASSERT_NE(Find(whole, "NORDEF"), nullptr);
  EXPECT_NE(Find(whole, "NORDEF"), Find(whole, "Northern Defence Alliance"));
  ASSERT_FALSE(whole.facts.empty());
  for (size_t size : {size_t{1}, size_t{2}, size_t{3}, size_t{5}}) {
    SCOPED_TRACE(size);
    Chunked chunked(stories, size);
    auto k = Relate(chunked, corrections, RelateOptions{.threads = 2}, Packaged());
    ASSERT_TRUE(k);
    EXPECT_EQ(chunked.passes(), 3);  // reading, second pass, the split
    EXPECT_EQ(k->entities, whole.entities);
    EXPECT_EQ(k->mentions, whole.mentions);
    EXPECT_EQ(k->facts, whole.facts);
    // Parked, the same mentions and facts come back from their files; the
    // second pass's ("Smith" in later stories) in among the first's.
    Chunked again(stories, size);
    auto parked = Relate(again, corrections, RelateOptions{.threads = 2, .park = true}, Packaged());
    ASSERT_TRUE(parked);
    EXPECT_EQ(parked->entities, whole.entities);
    EXPECT_TRUE(parked->mentions.empty() && parked->facts.empty());
    const Knowledge back = Unparked(*parked, stories.size());
    EXPECT_EQ(back.mentions, whole.mentions);
    EXPECT_EQ(back.facts, whole.facts);
  }
}

using fixtures::MemoryCache;

void ExpectSameReading(const StoryReading& a, const StoryReading& b) {
  ASSERT_EQ(a.mentions.size(), b.mentions.size());
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    const RawMention &x = a.mentions[i], &y = b.mentions[i];
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.begin, y.begin);
    EXPECT_EQ(x.end, y.end);
    EXPECT_EQ(x.form, y.form);
    EXPECT_EQ(x.body.str(), y.body.str());
    EXPECT_EQ(x.parent, y.parent);
    EXPECT_EQ(x.parent_head.str(), y.parent_head.str());
    EXPECT_EQ(x.anaphor_head.str(), y.anaphor_head.str());
    EXPECT_EQ(x.alt_form.str(), y.alt_form.str());
    EXPECT_EQ(x.gazetteer, y.gazetteer);
    EXPECT_EQ(x.alias_of, y.alias_of);
    EXPECT_EQ(x.acronym, y.acronym);
    EXPECT_EQ(x.quoted, y.quoted);
  }
  ASSERT_EQ(a.facts.size(), b.facts.size());
  for (size_t i = 0; i < a.facts.size(); ++i) {
    const RawFact &x = a.facts[i], &y = b.facts[i];
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.person, y.person);
    EXPECT_EQ(x.organization, y.organization);
    EXPECT_EQ(x.country, y.country);
    EXPECT_EQ(x.title, y.title);
    EXPECT_EQ(x.year, y.year);
    EXPECT_EQ(x.sentence_begin, y.sentence_begin);
    EXPECT_EQ(x.sentence_end, y.sentence_end);
  }
}

TEST(ReadingCache, AReadingComesBackWhole) {
  ReadScratch scratch;
  int bodies = 0, parents = 0, anaphors = 0, alts = 0, aliases = 0, places = 0, facts = 0;
  std::vector<Story> stories = CrossStoryArchive();
  stories.push_back(
      {.id = "f", .date = "2025-05-28", .title = "The BWO Joint Staff in Riga",
       .text = "The Baltic Water Organization (BWO) met. The BWO Joint Staff reported. "
               "The Organization thanked the Council of Ministers of the Organization. "
               "The Council of Ministers of Fisheries of the Baltic Water Organization met in "
               "\"Linz\". The Secretariat said so. The Council of the Baltic Water "
               "Organization met."});
  for (const Story& story : stories) {
    const StoryReading r = ReadStory(story, Packaged(), &scratch);
    StoryReading back;
    ASSERT_TRUE(DecodeReading(EncodeReading(r), Packaged().size(), &back));
    ExpectSameReading(r, back);
    for (const RawMention& m : r.mentions) {
      bodies += !m.body.empty();
      parents += m.parent >= 0;
      anaphors += !m.anaphor_head.empty();
      alts += !m.alt_form.empty();
      aliases += m.alias_of >= 0;
      places += m.gazetteer >= 0;
    }
    facts += static_cast<int>(r.facts.size());
  }
  // The stories exercise the optional fields.
  EXPECT_GT(bodies, 0);
  EXPECT_GT(parents, 0);
  EXPECT_GT(aliases, 0);
  EXPECT_GT(places, 0);
  EXPECT_GT(facts, 0);
  EXPECT_GT(anaphors, 0);
  EXPECT_GT(alts, 0);
}

TEST(ReadingCache, ACutOrForeignRecordIsRefused) {
  ReadScratch scratch;
  const Story story = CrossStoryArchive()[1];  // Norway: a gazetteer entry
  const std::string record = EncodeReading(ReadStory(story, Packaged(), &scratch));
  StoryReading out;
  for (size_t n = 0; n < record.size(); ++n) {
    EXPECT_FALSE(DecodeReading(record.substr(0, n), Packaged().size(), &out)) << n;
  }
  EXPECT_FALSE(DecodeReading(record + "x", Packaged().size(), &out));
  EXPECT_FALSE(DecodeReading("", Packaged().size(), &out));
  // A gazetteer entry this gazetteer lacks.
  EXPECT_FALSE(DecodeReading(record, 0, &out));
  // Any bytes are safe.
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string bytes = record;
    bytes[rng() % bytes.size()] = static_cast<char>(rng());
    (void)DecodeReading(bytes, Packaged().size(), &out);
  }
}

TEST(ReadingCache, RelateWithACacheGivesWhatRelateWithoutOneGives) {
  const std::vector<Correction> corrections = {
      {Correction::Kind::kSplit, "Northern Defence Alliance", "NORDEF"}};
  std::vector<Story> stories = CrossStoryArchive();
  const Knowledge whole = Extract(stories, corrections);
  MemoryCache cache;
  auto run = [&] {
    auto k = Relate(stories, corrections, RelateOptions{.threads = 2, .cache = &cache},
                    Packaged());
    EXPECT_TRUE(k);
    return k ? std::move(*k) : Knowledge{};
  };
  const Knowledge first = run();  // every story read, and kept
  EXPECT_EQ(cache.hits, 0);
  EXPECT_EQ(cache.keeps, static_cast<int>(stories.size()));
  EXPECT_EQ(first.entities, whole.entities);
  EXPECT_EQ(first.mentions, whole.mentions);
  EXPECT_EQ(first.facts, whole.facts);
  const Knowledge second = run();  // none read again
  EXPECT_EQ(cache.hits, static_cast<int>(stories.size()));
  EXPECT_EQ(cache.keeps, static_cast<int>(stories.size()));
  EXPECT_EQ(second.entities, whole.entities);
  EXPECT_EQ(second.mentions, whole.mentions);
  EXPECT_EQ(second.facts, whole.facts);
  // A story changed: read again (its old reading would give the old names).
  stories[0].text += " Ivan Smith met the Northern Defence Alliance Secretary General.";
  const Knowledge changed_whole = Extract(stories, corrections);
  const Knowledge changed = run();
  EXPECT_EQ(cache.keeps, static_cast<int>(stories.size()) + 1);
  EXPECT_EQ(changed.entities, changed_whole.entities);
  EXPECT_EQ(changed.mentions, changed_whole.mentions);
  EXPECT_EQ(changed.facts, changed_whole.facts);
  EXPECT_NE(changed.mentions, whole.mentions);
  // A damaged record is read again, not used.
  for (auto& [id, kept] : cache.kept) kept.second.resize(kept.second.size() / 2);
  const int keeps = cache.keeps;
  const Knowledge damaged = run();
  EXPECT_EQ(cache.keeps, keeps + static_cast<int>(stories.size()));
  EXPECT_EQ(damaged.entities, changed_whole.entities);
  EXPECT_EQ(damaged.mentions, changed_whole.mentions);
}

// The key changes with each thing ReadStory reads, and with the program.
TEST(ReadingCache, KeysDifferByTitleTextDateAndProgram) {
  const uint64_t fp = ReadingFingerprint(Packaged());
  EXPECT_NE(fp, 0u);  // a program built with a build id (or readable)
  EXPECT_EQ(fp, ReadingFingerprint(Packaged()));
  const Story s{.id = "a", .date = "2020-01-01", .title = "T", .text = "Text."};
  const uint64_t k = ReadingKey(s, fp);
  EXPECT_EQ(k, ReadingKey(s, fp));
  Story t = s;
  t.id = "b";  // the id is no part of the reading
  EXPECT_EQ(ReadingKey(t, fp), k);
  t = s;
  t.date = "2020-01-02";
  EXPECT_NE(ReadingKey(t, fp), k);
  t = s;
  t.title = "";
  t.text = "TText.";
  EXPECT_NE(ReadingKey(t, fp), k);
  t = s;
  t.text = "Text!";
  EXPECT_NE(ReadingKey(t, fp), k);
  EXPECT_NE(ReadingKey(s, fp + 1), k);
  EXPECT_NE(ReadingFingerprint(Gazetteer::ForTesting({}, {})), fp);
}

TEST(Relate, AChunkThatCannotBeReadIsAnError) {
  const std::vector<Correction> split = {
      {Correction::Kind::kSplit, "Northern Defence Alliance", "NORDEF"}};
  for (int pass : {1, 2, 3}) {
    SCOPED_TRACE(pass);
    Chunked chunked(CrossStoryArchive(), 2, pass, 1);
    auto k = Relate(chunked, split, RelateOptions{}, Packaged());
    ASSERT_FALSE(k);
    EXPECT_EQ(k.error().code, ErrorCode::kIo);
    EXPECT_EQ(chunked.passes(), pass);  // nothing read after the failure
  }
}

// A source that skips stories or hands them over out of order is refused,
// not read into the wrong readings.
TEST(Relate, StoriesOutOfOrderOrInPartAreAnError) {
  class Odd final : public StorySource {
   public:
    Odd(std::vector<Story> stories, size_t first) : stories_(std::move(stories)), first_(first) {}
    const std::vector<StoryHead>& Heads() const override { return heads_; }
    Status ForEachChunk(const ChunkFn& fn) const override {
      return fn(first_, std::span<const Story>(stories_).subspan(first_, 1));
    }

   private:
    std::vector<Story> stories_;
    std::vector<StoryHead> heads_ = StorySpan(stories_).Heads();
    size_t first_;
  };
  for (size_t first : {size_t{0}, size_t{1}}) {
    auto k = Relate(Odd(CrossStoryArchive(), first), {}, RelateOptions{}, Packaged());
    ASSERT_FALSE(k);
    EXPECT_EQ(k.error().code, ErrorCode::kInvalidInput);
  }
}

// ---- robustness ----

TEST(Relate, AnyBytesAreSafe) {
  std::mt19937 rng(7);
  std::vector<Story> stories;
  const std::string pieces[] = {"The ", "Council", " of ", "(", "NDA", ")", "\xE2\x80\x9C",
                                "\xFF", "I.V.", " Smith", "-2025", ".", ",", "\n\n", "'s",
                                "President", " of the ", "Slovak Republic", "\xC3"};
  for (int i = 0; i < 200; ++i) {
    std::string t;
    for (int j = 0; j < 60; ++j) t += pieces[rng() % std::size(pieces)];
    stories.push_back({.id = std::to_string(i), .text = t});
  }
  stories.push_back({.id = "big", .text = std::string(1 << 20, 'A')});
  stories.push_back({.id = "empty", .text = ""});
  Knowledge k = Extract(stories);
  for (const MentionRef& m : k.mentions) {
    EXPECT_LE(m.begin, m.end);
    EXPECT_LT(m.entity, k.entities.size());
    EXPECT_LT(m.story, stories.size());
  }
}

TEST(Relate, AFullDiskFailsWithAMessage) {
  // Resolution keeps what it read in a temporary file; with no room to
  // write it, relate says so, and nothing crashes.
  Result<Knowledge> k = Knowledge{};
  {
    annals::fixtures::FileSizeLimit limit(0);
    ASSERT_TRUE(limit.ok());
    k = Relate(CrossStoryArchive(), {}, RelateOptions{}, Packaged());
  }
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, ErrorCode::kIo);
  EXPECT_NE(k.error().message.find("temporary file"), std::string::npos) << k.error().message;
}

}  // namespace
}  // namespace annals::extract
