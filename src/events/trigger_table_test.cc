// The English event words come from data/lang/en/event_triggers.tsv (issue
// 21): every noun row without a condition is found in a plain sentence with
// its kind, type and number, and forms of one lemma share a lemma number.
#include "src/events/triggers.h"
#include "src/text/lang_data.h"

#include <gtest/gtest.h>
#include <map>
#include <string>

namespace annals::events {
namespace {

TEST(TriggerTableTest, EveryPlainNounRowIsAnEventWord) {
  std::map<std::string, uint16_t> lemma_numbers;
  size_t nouns = 0;
  for (const text::LangRow& row : text::LangRows("en", "event_triggers")) {
    ASSERT_GE(row.size(), 6u) << row[0];
    if (row[1] != "noun" || row[5] != "-" || row[4].find("passive") != std::string_view::npos) {
      continue;
    }
    const std::string word(row[0]);
    const std::string s = "Reporters wrote about a " + word + " in the capital.";
    const std::vector<Trigger> got = FindTriggers(s);
    ASSERT_EQ(got.size(), 1u) << s;
    const Trigger& t = got[0];
    EXPECT_EQ(s.substr(t.begin, t.end - t.begin), word);
    EXPECT_EQ(t.kind, TriggerKind::kNoun) << word;
    EXPECT_EQ(t.has_type, row[2] != "-") << word;
    if (t.has_type) {
      EXPECT_EQ(EventTypeName(t.type), row[2]) << word;
    }
    EXPECT_EQ(t.plural, row[4].find("plural") != std::string_view::npos) << word;
    auto [it, fresh] = lemma_numbers.emplace(std::string(row[3]), t.lemma);
    if (!fresh) {
      EXPECT_EQ(it->second, t.lemma) << word << " and its lemma " << row[3];
    }
    ++nouns;
  }
  EXPECT_GE(nouns, 50u);
  // Different lemmas, different numbers.
  std::map<uint16_t, std::string> by_number;
  for (const auto& [lemma, n] : lemma_numbers) {
    auto [it, fresh] = by_number.emplace(n, lemma);
    EXPECT_TRUE(fresh) << lemma << " and " << it->second;
  }
  EXPECT_TRUE(FindTriggers("Reporters wrote about a meetingroom in the capital.").empty());
}

}  // namespace
}  // namespace annals::events
