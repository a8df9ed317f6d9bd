#include "src/events/triggers.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::events {
namespace {

// The words found, as "word:kind:type" with kind N (noun), V (verb), D
// (deferring verb), A (anaphor) and type "-" where it has none.
std::vector<std::string> Found(const std::string& s) {
  std::vector<std::string> out;
  for (const Trigger& t : FindTriggers(s)) {
    const char kind = t.kind == TriggerKind::kNoun    ? 'N'
                      : t.kind == TriggerKind::kVerb  ? 'V'
                      : t.kind == TriggerKind::kDefer ? 'D'
                                                      : 'A';
    out.push_back(s.substr(t.begin, t.end - t.begin) + ":" + kind + ":" +
                  (t.has_type ? EventTypeName(t.type) : "-"));
  }
  return out;
}

struct Case {
  std::string text;
  std::vector<std::string> want;
};

TEST(TriggersTest, Words) {
  const Case cases[] = {
      {"The Secretary General met with the Ambassador", {"met:V:meeting"}},
      {"The ministers met in Minsk", {"met:V:meeting"}},
      {"The plan met the requirements", {}},
      {"The President received the Secretary General", {"received:V:meeting"}},
      {"The President received the members of the delegation", {"received:V:meeting"}},
      {"The Secretariat received support", {}},
      {"He took part in the debate", {"took part:D:-", "debate:N:meeting"}},
      {"The event took place in the National Assembly", {"event:A:-", "took place:D:-"}},
      {"A meeting of the Council was held in Velgrad", {"meeting:N:meeting", "held:D:-"}},
      {"In the Academy took place a solemn graduation of officers",
       {"took place:D:-", "graduation:N:other"}},
      {"The XXI Seminar-Meeting on Rescue took place",
       {"Seminar-Meeting:N:meeting", "took place:D:-"}},
      {"The Secretariat holds an annual training course", {"holds:D:-", "course:N:other"}},
      {"In the course of the talks, of course", {"talks:N:meeting"}},
      {"The Republic hosted the annual talks", {"hosted:D:meeting", "talks:N:meeting"}},
      {"He told a news agency correspondent that", {"told:V:interview"}},
      {"He told his colleagues that", {}},
      {"He answered a question of the radio", {"answered:V:interview"}},
      {"gave an interview to the newspaper", {"gave:D:-", "interview:N:interview"}},
      {"gave a book to the library", {}},
      {"paid a working visit to France, where talks were held",
       {"paid:D:-", "visit:N:visit", "talks:N:meeting", "held:D:-"}},
      {"paid tribute to the rescuers", {}},
      {"gave a press conference", {"gave:D:-", "conference:N:statement"}},
      {"opened the international conference", {"opened:D:-", "conference:N:meeting"}},
      {"The Secretary General condemned the attack", {"condemned:V:statement"}},
      {"delivered remarks at the workshop", {"remarks:N:speech", "workshop:N:meeting"}},
      {"the Resolution was adopted on Monday", {"Resolution:N:decision", "adopted:V:decision"}},
      {"12 April marks the 27th anniversary", {"marks:D:-", "anniversary:N:anniversary"}},
      {"a training and planning meeting was held", {"meeting:N:meeting", "held:D:-"}},
      {"the joint training of the staff", {"training:N:exercise"}},
      {"the training area near Ruse", {}},
      {"the joint trainings were conducted", {"trainings:N:exercise", "conducted:D:-"}},
      {"put into operation a new system", {}},
      {"completed the operation \xE2\x80\x9C"
       "Clearstream\xE2\x80\x9D",
       {"completed:D:-", "operation:N:operation"}},
      {"the right to exercise control", {}},
      {"to address the issue", {}},
      {"in his address to the nation", {"address:N:speech"}},
      {"The exercise was directed by the Commander", {"exercise:N:exercise", "directed:D:-"}},
      {"He directed the film", {}},
      {"the final decision was taken in 1998", {"decision:N:decision", "taken:D:-"}},
      {"JOINT STATEMENT of the Parties", {"STATEMENT:N:statement"}},
      {"Nothing of the kind in this sentence", {}},
      {"", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(Found(c.text), c.want) << c.text;
}

TEST(TriggersTest, Flags) {
  std::vector<Trigger> t = FindTriggers("During the meeting, this rescue operation was held");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_TRUE(t[0].definite);
  EXPECT_TRUE(t[0].circumstantial);
  EXPECT_FALSE(t[0].determiner);
  EXPECT_TRUE(t[1].determiner);
  EXPECT_FALSE(t[1].circumstantial);
  EXPECT_TRUE(t[2].passive);
  EXPECT_TRUE(t[2].past);

  t = FindTriggers("the meetings and the session");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_TRUE(t[0].plural);
  EXPECT_FALSE(t[1].plural);
  EXPECT_NE(t[0].lemma, t[1].lemma);
  EXPECT_EQ(FindTriggers("meeting")[0].lemma, t[0].lemma);

  t = FindTriggers("the Command completed the operation");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_TRUE(t[0].completion);
  EXPECT_FALSE(t[0].passive);

  t = FindTriggers("Over 500 volunteers took part");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_TRUE(t[0].participation);
}

TEST(TriggersTest, AnyBytesAreSafe) {
  const std::string inputs[] = {"took",          "took\xff", "\xE2\x80\x9C", std::string(2, '\0'),
                                "training \xE2", "met",      "received"};
  for (const std::string& s : inputs) {
    for (const Trigger& t : FindTriggers(s)) EXPECT_LE(t.end, s.size());
  }
}

// Russian event words (data/lang/ru/event_triggers.tsv), in any case form
// and capitalization. Invented sentences.
TEST(TriggersTest, RussianWords) {
  const Case cases[] = {
      {"В Нордбурге состоялось заседание Совета", {"состоялось:D:-", "заседание:N:meeting"}},
      {"Заседание Совета прошло в Нордбурге", {"Заседание:N:meeting", "прошло:D:-"}},
      {"Министр встретился с послом", {"встретился:V:meeting"}},
      {"Делегация посетила Нордбург", {"посетила:V:visit"}},
      {"Министры приняли участие в учениях", {"приняли участие:D:-", "учениях:N:exercise"}},
      // "принял" without "участие" is no event word of its own.
      {"Совет принял к сведению информацию", {}},
      {"ВИЗИТ МИНИСТРА", {"ВИЗИТ:N:visit"}},
      {"Стороны подписали соглашение", {"подписали:V:decision"}},
      {"прошел брифинг для журналистов", {"прошел:D:-", "брифинг:N:statement"}},
      {"дал интервью агентству", {"дал:D:-", "интервью:N:interview"}},
      // A compound is what its last part is; the whole word first.
      {"семинар-совещание руководителей", {"семинар-совещание:N:meeting"}},
      {"провел пресс-конференцию", {"провел:D:-", "пресс-конференцию:N:statement"}},
      {"В мероприятии участвовали послы", {"мероприятии:A:-", "участвовали:D:-"}},
      // "прошлом" (last) is not "прошло" (took place); "прибыль" (profit) is no arrival.
      {"в прошлом году выросла прибыль", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(Found(c.text), c.want) << c.text;
}

TEST(TriggersTest, RussianFlags) {
  std::string s = "В ходе этой встречи стороны обсудили планы";
  std::vector<Trigger> t = FindTriggers(s);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_TRUE(t[0].determiner);
  s = "Заседание состоялось вчера";
  t = FindTriggers(s);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_TRUE(t[1].passive);
  EXPECT_TRUE(t[1].past);
  s = "Министры приняли участие в заседании";
  t = FindTriggers(s);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_TRUE(t[0].participation);
  // The forms of one word share a lemma; different words do not.
  const std::vector<Trigger> a = FindTriggers("встреча");
  const std::vector<Trigger> b = FindTriggers("встречи");
  const std::vector<Trigger> c = FindTriggers("заседание");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(a[0].lemma, b[0].lemma);
  EXPECT_NE(a[0].lemma, c[0].lemma);
}

}  // namespace
}  // namespace annals::events
