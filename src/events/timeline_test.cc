#include "src/events/timeline.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace annals::events {
namespace {

ArchiveData Sample() {
  ArchiveData d;
  d.entities = {
      {.id = "1",
       .type = EntityType::kOrganization,
       .name = "Council of Ministers",
       .aliases = {"CM"}},
      {.id = "2", .type = EntityType::kPlace, .name = "Saint Velgrad", .aliases = {"St. Velgrad"}},
      {.id = "3", .type = EntityType::kPerson, .name = "Anna Berg", .aliases = {"Berg"}},
  };
  d.events = {
      {.id = "e3",
       .type = EventType::kMeeting,
       .date = "2025-05-28",
       .place = "Saint Velgrad",
       .participants = {"Council of Ministers", "Anna Berg"},
       .chair = "Norland",
       .stories = {"s1"}},
      {.id = "e1",
       .type = EventType::kExercise,
       .date = "2024-06",
       .place = "Ostrava",
       .participants = {"Sea Shield-2024"},
       .stories = {"s2"}},
      {.id = "e2",
       .type = EventType::kDecision,
       .date = "2022",
       .participants = {"CM"},
       .stories = {"s3"}},
      {.id = "e4",
       .type = EventType::kMeeting,
       .date = "2025-06-03",
       .date_end = "2025-06-05",
       .place = "Norland",
       .participants = {"Rapid Forces"},
       .stories = {"s4", "s5"}},
  };
  return d;
}

std::vector<std::string> Ids(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(e.id);
  return out;
}

TEST(TimelineTest, Filters) {
  const ArchiveData d = Sample();
  struct Case {
    TimelineQuery q;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {{}, {"e2", "e1", "e3", "e4"}},  // by first day: 2022-01-01, 2024-06-01, ...
      {{.type = "meeting"}, {"e3", "e4"}},
      {{.entity = "berg"}, {"e3"}},           // an alias, case folded
      {{.entity = "CM"}, {"e2", "e3"}},       // the alias and the name both count
      {{.entity = "Norland"}, {"e3", "e4"}},  // no such entity: its name verbatim (chair, place)
      {{.place = "St. Velgrad"}, {"e3"}},
      {{.since = "2024-06-15"}, {"e1", "e3", "e4"}},  // June 2024 runs to the 30th
      {{.until = "2024"}, {"e2", "e1"}},
      {{.since = "2025-06-04", .until = "2025-06-04"}, {"e4"}},  // inside the span
      {{.type = "visit"}, {}},
  };
  for (const Case& c : cases) {
    auto got = FilterEvents(d, c.q);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(Ids(*got), c.want) << c.q.entity << c.q.type << c.q.place << c.q.since << c.q.until;
  }
}

TEST(TimelineTest, BadQueries) {
  const ArchiveData d = Sample();
  for (const TimelineQuery& q :
       {TimelineQuery{.type = "party"}, TimelineQuery{.since = "May"},
        TimelineQuery{.until = "2024-13"}, TimelineQuery{.since = "2024-02-30"}}) {
    auto got = FilterEvents(d, q);
    ASSERT_FALSE(got.has_value());
    EXPECT_EQ(got.error().code, ErrorCode::kInvalidInput);
  }
}

TEST(TimelineTest, EventDays) {
  std::string a, b;
  ASSERT_TRUE(EventDays({.date = "2024-02"}, &a, &b));
  EXPECT_EQ(a, "2024-02-01");
  EXPECT_EQ(b, "2024-02-29");
  ASSERT_TRUE(EventDays({.date = "2024", .date_end = "2025-03"}, &a, &b));
  EXPECT_EQ(a, "2024-01-01");
  EXPECT_EQ(b, "2025-03-31");
  EXPECT_FALSE(EventDays({.date = "soon"}, &a, &b));
}

// Unfolds RFC 5545 content lines.
std::vector<std::string> Unfold(const std::string& ics) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < ics.size()) {
    size_t end = ics.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    if (end == std::string::npos) break;
    std::string line = ics.substr(pos, end - pos);
    EXPECT_LE(line.size(), 75u) << line;
    if (!line.empty() && line[0] == ' ') {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    pos = end + 2;
  }
  return lines;
}

TEST(TimelineTest, ICalendar) {
  const std::vector<Event> events = {
      {.id = "e4",
       .type = EventType::kMeeting,
       .date = "2025-06-03",
       .date_end = "2025-06-05",
       .place = "Velgrad, Norland",
       .participants = {"Council; of Ministers", "Anna Berg"},
       .chair = "Norland",
       .stories = {"s4"},
       .story_id = "s4",
       .sentence_begin = 7,
       .sentence_end = 34},
      {.id = "e1",
       .type = EventType::kExercise,
       .date = "2024-12",
       .participants = {std::string(40, 'x') + "\xC3\xA9\xC3\xA9\xC3\xA9" + std::string(60, 'y')},
       .stories = {"s9"}},
      {.id = "e9", .type = EventType::kDecision, .date = "2023", .stories = {}},
  };
  const std::vector<Story> stories = {{.id = "s4",
                                       .date = "2025-06-05",
                                       .title = "Talks\nheld",
                                       .text = "Intro. The Council met in Velgrad. End.",
                                       .sources = {{.page = "p/4.html"}}}};
  const std::string ics = ToICalendar(events, stories, {.dtstamp = "20250701T120000Z"});
  const std::vector<std::string> lines = Unfold(ics);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines[1], "VERSION:2.0");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  auto has = [&](const std::string& want) {
    return std::find(lines.begin(), lines.end(), want) != lines.end();
  };
  EXPECT_TRUE(has("UID:e4@annals"));
  EXPECT_TRUE(has("DTSTAMP:20250701T120000Z"));
  EXPECT_TRUE(has("DTSTART;VALUE=DATE:20250603"));
  EXPECT_TRUE(has("DTEND;VALUE=DATE:20250606"));  // exclusive: the day after the 5th
  EXPECT_TRUE(has("LOCATION:Velgrad\\, Norland"));
  // What happened: the type, the first participant and the place, not a list of names.
  EXPECT_TRUE(has("SUMMARY:Meeting of Council\\; of Ministers\\, Velgrad\\, Norland"));
  EXPECT_TRUE(has("SUMMARY:Exercise: " + std::string(40, 'x') + "\xC3\xA9\xC3\xA9\xC3\xA9" +
                  std::string(60, 'y')));
  EXPECT_TRUE(has("SUMMARY:Decision"));
  EXPECT_TRUE(has("CATEGORIES:MEETING"));
  EXPECT_TRUE(
      has("DESCRIPTION:\xE2\x80\x9CThe Council met in Velgrad.\xE2\x80\x9D\\nPage: p/4.html\\n"
          "Participants: Council\\; of Ministers\\; Anna Berg\\nChair: "
          "Norland\\nStory s4 (2025-06-05): Talks\\nheld"));
  // A month spans its days; a year its months.
  EXPECT_TRUE(has("DTSTART;VALUE=DATE:20241201"));
  EXPECT_TRUE(has("DTEND;VALUE=DATE:20250101"));
  EXPECT_TRUE(has("DTSTART;VALUE=DATE:20230101"));
  EXPECT_TRUE(has("DTEND;VALUE=DATE:20240101"));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT"), 3);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "END:VEVENT"), 3);
  // Folding never splits a UTF-8 character: each physical line is valid UTF-8 on its own.
  size_t pos = 0;
  while (pos < ics.size()) {
    size_t end = ics.find("\r\n", pos);
    const std::string line = ics.substr(pos, end - pos);
    if (!line.empty()) {
      EXPECT_NE(static_cast<unsigned char>(line[line[0] == ' ' ? 1 : 0]) & 0xC0, 0x80u);
    }
    pos = end + 2;
  }
}

TEST(TimelineTest, EmptyCalendar) {
  EXPECT_EQ(ToICalendar({}, {}, {.dtstamp = "20250101T000000Z"}),
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//annals//annals timeline//EN\r\n"
            "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n");
}

}  // namespace
}  // namespace annals::events
