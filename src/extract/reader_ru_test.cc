#include "src/extract/reader_ru.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/extract/lexicon.h"

namespace annals::extract {
namespace {

// Invented names only (no name from ../shared/data).
const Gazetteer& Gaz() {
  static const Gazetteer g = [] {
    auto r = Gazetteer::Load({});
    return r ? std::move(*r) : Gazetteer::ForTesting({}, {});
  }();
  return g;
}

StoryReading Read(const std::string& text) {
  Story s;
  s.text = text;
  ReadScratch scratch;
  return ReadRussianStory(s, Gaz(), &scratch);
}

const RawMention* Find(const StoryReading& r, const std::string& form) {
  for (const RawMention& m : r.mentions) {
    if (m.form == form) return &m;
  }
  return nullptr;
}

TEST(ReadRussianStory, PeopleByInitialsNamesAndPosts) {
  const StoryReading r = Read(
      "Генеральный секретарь ОДОР И.Петров встретился с министрами обороны Беларуси "
      "В.Иванченко и Казахстана Р.Кустовым. Также выступил Петр Николаевич Смирнов.");
  for (const char* f : {"И.Петров", "В.Иванченко", "Р.Кустовым", "Петр Николаевич Смирнов"}) {
    const RawMention* m = Find(r, f);
    ASSERT_NE(m, nullptr) << f;
    EXPECT_EQ(m->type, EntityType::kPerson) << f;
  }
  const RawMention* acr = Find(r, "ОДОР");
  ASSERT_NE(acr, nullptr);
  EXPECT_EQ(acr->type, EntityType::kOrganization);
  ASSERT_NE(Find(r, "Беларуси"), nullptr);
  EXPECT_EQ(Find(r, "Беларуси")->type, EntityType::kCountry);
  // Posts in the nominative; the listed states each with their holder.
  std::vector<std::string> facts;
  for (const RawFact& f : r.facts) {
    facts.push_back(r.mentions[static_cast<size_t>(f.person)].form + " | " + f.title + " | " +
                    (f.organization >= 0 ? r.mentions[static_cast<size_t>(f.organization)].form
                                         : std::string("-")));
  }
  EXPECT_NE(std::find(facts.begin(), facts.end(), "И.Петров | Генеральный секретарь | ОДОР"), facts.end());
  EXPECT_NE(std::find(facts.begin(), facts.end(), "В.Иванченко | министр обороны | Беларуси"), facts.end());
  EXPECT_NE(std::find(facts.begin(), facts.end(), "Р.Кустовым | министр обороны | Казахстана"), facts.end());
}

TEST(ReadRussianStory, BodiesWithTheirGenitiveChainAndParent) {
  const StoryReading r = Read(
      "Заседание Совета министров рыболовства ОДОР прошло в Праге. Председатель Комитета по "
      "морским делам Северного совета Иван Козлов открыл учения «Прилив-2026».");
  const RawMention* council = Find(r, "Совета министров рыболовства ОДОР");
  ASSERT_NE(council, nullptr);
  EXPECT_EQ(council->type, EntityType::kOrganization);
  EXPECT_EQ(council->body.str(), "Совета министров рыболовства");
  ASSERT_GE(council->parent, 0);
  EXPECT_EQ(r.mentions[static_cast<size_t>(council->parent)].form, "ОДОР");
  const RawMention* city = Find(r, "Праге");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->type, EntityType::kPlace);
  const RawMention* ex = Find(r, "Прилив-2026");
  ASSERT_NE(ex, nullptr);
  EXPECT_EQ(ex->type, EntityType::kExercise);
  ASSERT_NE(Find(r, "Иван Козлов"), nullptr);
}

TEST(ReadRussianStory, VerbsEndABodyAndHeadlinesNameNothing) {
  const StoryReading r = Read("Совет постпредов согласовал план.\n\nПОСТОЯННАЯ КОМИССИЯ ПО МОРСКИМ ДЕЛАМ");
  ASSERT_NE(Find(r, "Совет постпредов"), nullptr);
  for (const RawMention& m : r.mentions) EXPECT_EQ(m.form.find("ПОСТОЯННАЯ"), std::string::npos);
}

TEST(NameKey, FoldsTheCasesOfRussianNames) {
  EXPECT_EQ(NameKey("Прага"), NameKey("Праге"));
  EXPECT_EQ(NameKey("Беларусь"), NameKey("Беларуси"));
  EXPECT_EQ(NameKey("Петров"), NameKey("Петровым"));
  EXPECT_EQ(NameKey("Петров"), NameKey("Петрова"));
  EXPECT_EQ(NameKey("В.Иванченко"), NameKey("В. Иванченко"));
  EXPECT_NE(NameKey("Петров"), NameKey("Кустов"));
}

TEST(Gazetteer, RussianNamesOfStatesAndCities) {
  const Gazetteer& g = Gaz();
  const int norway = g.Find(NameKey("Norway"));
  if (norway < 0) GTEST_SKIP() << "no iso-codes here";
  EXPECT_EQ(g.Find(NameKey("Норвегии")), norway);
  EXPECT_EQ(g.Find(NameKey("Норвегия")), norway);
  EXPECT_EQ(g.Find("#" + NameKey("РФ")), g.Find(NameKey("Russia")));
  const int city = g.Find(NameKey("Праге"));
  ASSERT_GE(city, 0);
  EXPECT_EQ(g.entry(city).type, EntityType::kPlace);
}

}  // namespace
}  // namespace annals::extract
