// The timeline: the archive's events filtered and in date order (annals
// timeline / annals events), and their iCalendar form (RFC 5545).
// Thread safety: reentrant.
#pragma once

#include "annals/result.h"
#include "annals/types.h"

#include <span>
#include <string>
#include <vector>

namespace annals::events {

struct TimelineQuery {
  std::string entity;  // a name or alias of an entity that takes part, chairs or is the place
  std::string type;    // an event type name ("meeting"), or "" for all
  std::string place;   // a name or alias of the place
  std::string since;   // "YYYY", "YYYY-MM" or "YYYY-MM-DD": events that end on or after it
  std::string until;   // the same: events that start on or before it
};

// The events of `data` that match `query`, ordered by start date (then end
// date, then id). Names match an entity's name or any of its aliases after
// case folding; a name no entity has matches events that name it verbatim.
// Errors: kInvalidInput for an unknown type or a malformed date.
Result<std::vector<Event>> FilterEvents(const ArchiveData& data, const TimelineQuery& query);

// First and last day an event covers, as "YYYY-MM-DD": a month covers its
// days, a year its months. False when the event's dates are malformed.
bool EventDays(const Event& e, std::string* first, std::string* last);

// Now, as an iCalendar UTC date-time ("YYYYMMDDTHHMMSSZ"), for DTSTAMP.
std::string ICalendarNow();

struct ICalendarOptions {
  // DTSTAMP of every VEVENT, "YYYYMMDDTHHMMSSZ" (UTC): when the file was made.
  std::string dtstamp;
};

// An iCalendar file (RFC 5545) with one all-day VEVENT per event: UID (the
// event id), DTSTAMP, DTSTART;VALUE=DATE and DTEND;VALUE=DATE (exclusive:
// the day after the last day; a month or a year spans all its days),
// SUMMARY (what happened: type, first participant, place), LOCATION,
// CATEGORIES and a DESCRIPTION giving the sentence the event was read from
// and its story's page, then participants, chair, the date's precision and the stories (with
// their titles where `stories` has them). Text values are escaped, lines end
// with CRLF and are folded at 75 octets without splitting UTF-8 characters.
std::string ToICalendar(std::span<const Event> events, std::span<const Story> stories,
                        const ICalendarOptions& options);

}  // namespace annals::events
