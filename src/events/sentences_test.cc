#include "src/events/sentences.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::events {
namespace {

std::vector<std::string> Texts(const std::string& s) {
  std::vector<std::string> out;
  for (const SentenceSpan& sp : SplitSentences(s))
    out.push_back(s.substr(sp.begin, sp.end - sp.begin));
  return out;
}

struct Case {
  std::string text;
  std::vector<std::string> want;
};

TEST(SentencesTest, Split) {
  const Case cases[] = {
      {"The Council met. It adopted a plan.", {"The Council met.", "It adopted a plan."}},
      // Abbreviations and initials do not end a sentence.
      {"The meeting was held in St. Moritz on Monday.",
       {"The meeting was held in St. Moritz on Monday."}},
      {"The Secretary General A.B. Petrov met Gen. Kolotov. Then they left.",
       {"The Secretary General A.B. Petrov met Gen. Kolotov.", "Then they left."}},
      {"A. Petrov thanked the President.", {"A. Petrov thanked the President."}},
      // A dot inside a name or a number.
      {"In a commentary to Radio.Nord he spoke. About 3.5 percent.",
       {"In a commentary to Radio.Nord he spoke.", "About 3.5 percent."}},
      // Closing quotes stay with their sentence.
      {"He said: \xE2\x80\x9CWe agree.\xE2\x80\x9D The talks ended.",
       {"He said: \xE2\x80\x9CWe agree.\xE2\x80\x9D", "The talks ended."}},
      // Question and exclamation marks; a lower-case word after a period does not start one.
      {"Why now? Because! e.g. this", {"Why now?", "Because! e.g. this"}},
      // Hard-wrapped lines are one sentence; a blank line ends one.
      {"On 30 September the Command\ncompleted the operation.\n\nNext paragraph",
       {"On 30 September the Command\ncompleted the operation.", "Next paragraph"}},
      // A line ending with a colon, and list items.
      {"Priorities:\n- peace;\n- security", {"Priorities:", "- peace;", "- security"}},
      {"", {}},
      {"   \n\n  ", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(Texts(c.text), c.want) << c.text;
}

TEST(SentencesTest, Paragraphs) {
  std::vector<SentenceSpan> s = SplitSentences("A one. A two.\n\nB one.\n\n\nC one.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].paragraph, 0);
  EXPECT_EQ(s[1].paragraph, 0);
  EXPECT_EQ(s[2].paragraph, 1);
  EXPECT_EQ(s[3].paragraph, 2);
  EXPECT_EQ(s[2].begin, 15u);
  EXPECT_EQ(s[2].end, 21u);
}

TEST(SentencesTest, SpeechQuotes) {
  const std::string t =
      "The exercise \xE2\x80\x9CSea Shield-2024\xE2\x80\x9D ended. \xE2\x80\x9CThe crews worked as "
      "one unit. Today we have shown it,\xE2\x80\x9D he said. The \"Lantern\" operation.";
  std::vector<TextSpan> q = SpeechQuotes(t);
  ASSERT_EQ(q.size(), 1u);  // the name in quotes is not speech
  std::string quoted = t.substr(q[0].begin, q[0].end - q[0].begin);
  EXPECT_EQ(quoted.substr(0, 3), "\xE2\x80\x9C");
  EXPECT_NE(quoted.find("Today we have shown it,"), std::string::npos);
  EXPECT_EQ(quoted.find("he said"), std::string::npos);
  // An open quote runs to the end of its paragraph only.
  const std::string open = "\"We will act now and we will act together with all partners\n\nNext.";
  q = SpeechQuotes(open);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].end, open.find("\n\n"));
  EXPECT_TRUE(SpeechQuotes("no quotes here").empty());
}

TEST(SentencesTest, AnyBytesAreSafe) {
  const std::string inputs[] = {std::string("\xE2\x80", 2), "...",  ". . .",       "\"", "\xC2",
                                std::string(3, '\0'),       "A.\n", "\xE2\x80\x9C"};
  for (const std::string& s : inputs) {
    for (const SentenceSpan& sp : SplitSentences(s)) {
      EXPECT_LE(sp.begin, sp.end);
      EXPECT_LE(sp.end, s.size());
    }
    for (const TextSpan& q : SpeechQuotes(s)) EXPECT_LE(q.end, s.size());
  }
}

// A run without sentence breaks (a page on one line) is cut into pieces of at
// most kMaxSentenceBytes, at spaces, covering every word once (issue 24).
TEST(SentencesTest, LongRunsAreCut) {
  std::string words;
  while (words.size() < 10 * kMaxSentenceBytes) words += "Council of the Union met in Norland, ";
  std::string cyrillic;
  while (cyrillic.size() < 2 * kMaxSentenceBytes) cyrillic += "\xD0\x96";
  for (const std::string& s : {words, std::string(3 * kMaxSentenceBytes + 7, 'x'), cyrillic}) {
    const std::vector<SentenceSpan> spans = SplitSentences(s);
    ASSERT_GE(spans.size(), s.size() / kMaxSentenceBytes) << s.size();
    std::string joined;
    for (const SentenceSpan& sp : spans) {
      EXPECT_LE(sp.end - sp.begin, kMaxSentenceBytes);
      EXPECT_NE(static_cast<unsigned char>(s[sp.begin]) & 0xC0, 0x80u);  // starts a character
      EXPECT_NE(s[sp.begin], ' ');
      joined += s.substr(sp.begin, sp.end - sp.begin);
    }
    std::string squeezed;
    for (char c : s) {
      if (c != ' ') squeezed += c;
    }
    std::erase(joined, ' ');
    EXPECT_EQ(joined, squeezed);
  }
}

// Russian abbreviations (data/lang/ru/abbreviations.tsv) and
// initials; a lower-case Cyrillic word after a period starts no sentence.
TEST(SentencesTest, Russian) {
  const Case cases[] = {
      {"Совет собрался. Он принял план.", {"Совет собрался.", "Он принял план."}},
      {"Заседание прошло в г. Нордбурге. Затем министры уехали.",
       {"Заседание прошло в г. Нордбурге.", "Затем министры уехали."}},
      {"12 мая с.г. в Нордбурге прошла встреча. Она длилась час.",
       {"12 мая с.г. в Нордбурге прошла встреча.", "Она длилась час."}},
      {"Секретарь А. Петров встретился с послом. Затем они уехали.",
       {"Секретарь А. Петров встретился с послом.", "Затем они уехали."}},
      {"Министр И.П. Кустов, т.е. глава делегации, выступил. Всё.",
       {"Министр И.П. Кустов, т.е. глава делегации, выступил.", "Всё."}},
      {"Прибыли 5 тыс. человек. Учения начались.", {"Прибыли 5 тыс. человек.", "Учения начались."}},
      {"В 2020 г. Совет провел три заседания. В 2021 г. их было пять.",
       {"В 2020 г. Совет провел три заседания.", "В 2021 г. их было пять."}},
      {"Совет собрался в 10 ч. утра.", {"Совет собрался в 10 ч. утра."}},
      // "г." after a year keeps the sentence whole: a sentence that opens
      // with its date ("В 2020 г. Совет ...") is more common than one that
      // ends with it before a capital.
      {"Встреча прошла 3 мая 2020 г. в г. Нордбурге.",
       {"Встреча прошла 3 мая 2020 г. в г. Нордбурге."}},
  };
  for (const Case& c : cases) EXPECT_EQ(Texts(c.text), c.want) << c.text;
}

}  // namespace
}  // namespace annals::events
