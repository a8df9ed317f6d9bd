#include "src/events/timeline.h"

#include <ctime>

#include "src/common/date.h"
#include "src/common/text.h"
#include "src/events/date_expr.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

namespace annals::events {

std::string ICalendarNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}
namespace {

std::string DayIso(const date::Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

// The folded names of the entities that `name` names (their canonical names
// and aliases), or just the folded `name` when no entity has it.
std::unordered_set<std::string> NamesFor(const ArchiveData& data, const std::string& name) {
  const std::string want = text::Fold(name);
  std::unordered_set<std::string> out;
  for (const Entity& e : data.entities) {
    bool hit = text::Fold(e.name) == want;
    for (const std::string& a : e.aliases) hit = hit || text::Fold(a) == want;
    if (!hit) continue;
    out.insert(text::Fold(e.name));
    for (const std::string& a : e.aliases) out.insert(text::Fold(a));
  }
  if (out.empty()) out.insert(want);
  return out;
}

bool ValidBound(const std::string& s) {
  date::Date d;
  return s.empty() || date::ParseIso(s, &d);
}

// "YYYYMMDD" of a full date.
std::string Basic(const date::Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

// RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += static_cast<char>(static_cast<unsigned char>(c) < 0x20 && c != '\t' ? ' ' : c);
    }
  }
  return out;
}

// RFC 5545 3.1: lines of at most 75 octets, continued after CRLF and a space;
// a UTF-8 character is never split.
void AppendLine(std::string* out, const std::string& line) {
  size_t pos = 0;
  size_t limit = 75;
  while (line.size() - pos > limit) {
    size_t cut = pos + limit;
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out->append(line, pos, cut - pos);
    out->append("\r\n ");
    pos = cut;
    limit = 74;  // the leading space counts
  }
  out->append(line, pos, std::string::npos);
  out->append("\r\n");
}

std::string Capitalized(const char* s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

// What happened, in a line: the type, the main participant (the first
// named) and the place: "Meeting of the Council of Ministers, Velgrad".
std::string Summary(const Event& e) {
  std::string out = Capitalized(EventTypeName(e.type));
  if (!e.participants.empty() && e.participants.front() != e.place) {
    const char* joint = ": ";
    switch (e.type) {
      case EventType::kMeeting:
      case EventType::kDecision:
      case EventType::kAnniversary:
        joint = " of ";
        break;
      case EventType::kVisit:
      case EventType::kStatement:
      case EventType::kInterview:
      case EventType::kSpeech:
        joint = " by ";
        break;
      default:
        break;
    }
    out += joint + e.participants.front();
  }
  if (!e.place.empty()) out += ", " + e.place;
  return out;
}

}  // namespace

bool EventDays(const Event& e, std::string* first, std::string* last) {
  date::Date a, b;
  if (!date::ParseIso(e.date, &a)) return false;
  if (e.date_end.empty() || !date::ParseIso(e.date_end, &b)) b = a;
  if (a.month == 0) a.month = 1;
  if (a.day == 0) a.day = 1;
  if (b.month == 0) b.month = 12;
  if (b.day == 0) b.day = date::DaysInMonth(b.year, b.month);
  *first = DayIso(a);
  *last = DayIso(b);
  if (*last < *first) *last = *first;
  return true;
}

Result<std::vector<Event>> FilterEvents(const ArchiveData& data, const TimelineQuery& query) {
  EventType type = EventType::kOther;
  if (!query.type.empty() && !ParseEventType(query.type, &type)) {
    return Fail(ErrorCode::kInvalidInput,
                "unknown event type '" + query.type +
                    "' (meeting, visit, exercise, operation, statement, interview, speech, "
                    "decision, anniversary, other)");
  }
  if (!ValidBound(query.since) || !ValidBound(query.until)) {
    return Fail(ErrorCode::kInvalidInput, "dates are written YYYY, YYYY-MM or YYYY-MM-DD");
  }
  std::string since_day, until_day, unused;
  if (!query.since.empty()) {
    Event bound{.date = query.since};
    EventDays(bound, &since_day, &unused);
  }
  if (!query.until.empty()) {
    Event bound{.date = query.until};
    EventDays(bound, &unused, &until_day);
  }
  std::unordered_set<std::string> entity, place;
  if (!query.entity.empty()) entity = NamesFor(data, query.entity);
  if (!query.place.empty()) place = NamesFor(data, query.place);
  std::vector<Event> out;
  for (const Event& e : data.events) {
    if (!query.type.empty() && e.type != type) continue;
    std::string first, last;
    if (!EventDays(e, &first, &last)) continue;
    if (!since_day.empty() && last < since_day) continue;
    if (!until_day.empty() && first > until_day) continue;
    if (!place.empty() && !place.count(text::Fold(e.place))) continue;
    if (!entity.empty()) {
      bool hit = entity.count(text::Fold(e.place)) || entity.count(text::Fold(e.chair));
      for (const std::string& p : e.participants) hit = hit || entity.count(text::Fold(p));
      if (!hit) continue;
    }
    out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    std::string a1, a2, b1, b2;
    EventDays(a, &a1, &a2);
    EventDays(b, &b1, &b2);
    if (a1 != b1) return a1 < b1;
    if (a2 != b2) return a2 < b2;
    return a.id < b.id;
  });
  return out;
}

std::string ToICalendar(std::span<const Event> events, std::span<const Story> stories,
                        const ICalendarOptions& options) {
  std::unordered_map<std::string, const Story*> by_id;
  for (const Story& s : stories) by_id.emplace(s.id, &s);
  std::string out;
  AppendLine(&out, "BEGIN:VCALENDAR");
  AppendLine(&out, "VERSION:2.0");
  AppendLine(&out, "PRODID:-//annals//annals timeline//EN");
  AppendLine(&out, "CALSCALE:GREGORIAN");
  AppendLine(&out, "METHOD:PUBLISH");
  for (const Event& e : events) {
    std::string first, last;
    if (!EventDays(e, &first, &last)) continue;
    date::Date a, b;
    date::ParseIso(first, &a);
    date::ParseIso(last, &b);
    const date::Date after = CivilFromDays(DaysFromCivil(b.year, b.month, b.day) + 1);
    const std::string summary = Summary(e);
    std::string description;
    if (auto it = by_id.find(e.story_id); it != by_id.end()) {
      const Story& s = *it->second;
      if (e.sentence_begin < e.sentence_end && e.sentence_end <= s.text.size()) {
        description += "\xE2\x80\x9C" +
                       s.text.substr(e.sentence_begin, e.sentence_end - e.sentence_begin) +
                       "\xE2\x80\x9D\n";
      }
      if (!s.sources.empty()) description += "Page: " + s.sources.front().page + "\n";
    }
    if (!e.participants.empty()) {
      description += "Participants: ";
      for (size_t i = 0; i < e.participants.size(); ++i) {
        description += (i ? "; " : "") + e.participants[i];
      }
      description += "\n";
    }
    if (!e.chair.empty()) description += "Chair: " + e.chair + "\n";
    date::Date written;
    if (date::ParseIso(e.date, &written) && written.day == 0) {
      description +=
          std::string("Date known to the ") + (written.month == 0 ? "year" : "month") + " only\n";
    }
    for (const std::string& id : e.stories) {
      auto it = by_id.find(id);
      description += "Story " + id;
      if (it != by_id.end()) {
        if (!it->second->date.empty()) description += " (" + it->second->date + ")";
        if (!it->second->title.empty()) description += ": " + it->second->title;
      }
      description += "\n";
    }
    AppendLine(&out, "BEGIN:VEVENT");
    AppendLine(&out, "UID:" + Escape(e.id) + "@annals");
    AppendLine(&out, "DTSTAMP:" + options.dtstamp);
    AppendLine(&out, "DTSTART;VALUE=DATE:" + Basic(a));
    AppendLine(&out, "DTEND;VALUE=DATE:" + Basic(after));
    AppendLine(&out, "SUMMARY:" + Escape(summary));
    if (!e.place.empty()) AppendLine(&out, "LOCATION:" + Escape(e.place));
    std::string category = EventTypeName(e.type);
    for (char& c : category) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    AppendLine(&out, "CATEGORIES:" + category);
    if (!description.empty()) {
      description.pop_back();
      AppendLine(&out, "DESCRIPTION:" + Escape(description));
    }
    AppendLine(&out, "TRANSP:TRANSPARENT");
    AppendLine(&out, "END:VEVENT");
  }
  AppendLine(&out, "END:VCALENDAR");
  return out;
}

}  // namespace annals::events
