// The publication date of an HTML page's article, from every kind of
// evidence the page gives, scored and reconciled into one date with a reason
// (the way the best date extractors work: htmldate, trafilatura).
//
// In: a parsed page (ingest::HtmlDoc), its URL, its crawl date when known,
// and where the segmenter found the headline and the body. Out: a
// DateDecision: the date (SCHEMA.md `stories[].date` of the article), the
// reason it was chosen, and every piece of evidence read, each with its
// source, kind (publication or modification), score and place.
//
// Evidence, strongest first: a visible date line between the headline and
// the body (the date the readers see: on real pages it is right more often
// than structured data that disagrees with it), in any language ICU knows
// the month names of ("3. Juli 2018", "29 juin 2019", "August 30, 2017",
// "16.12.2012", "2018年7月3日"); JSON-LD datePublished (objects, arrays,
// @graph; the first dated article only); the page's address (/2016/12/23/,
// /20161223/, ?date=2016-12-23); meta tags (article:published_time, og:,
// dc., parsely, sailthru...); itemprop="datePublished"; <time datetime> and
// <abbr> marked as published; dates in elements whose class names a date;
// any date in the page's text (the weakest). Readers' comments and teasers
// give none. "03/04/2019" is read month first only in US English (or
// English of no region on a domain that is no other country's).
// Validation: no date before 1995 or more than a day after the crawl date;
// a date of unknown kind more than a day after the page's modification date
// is not taken (a date stated as the publication is: posts are scheduled
// after their last edit); a modification date is never taken for the
// publication date. A timestamp in UTC ("Z") that is one day off a date the
// page shows by its headline (or a timestamp with its offset) gives way to
// it (the page's local day), unless another such statement confirms it.
//
// Thread safety: reentrant; the month-name table is built once, then only read.
#pragma once

#include "src/common/date.h"
#include "src/ingest/html_doc.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annals::segment {

enum class DateSource : uint8_t {
  kJsonLd,       // <script type="application/ld+json">
  kMeta,         // <meta name|property|itemprop=... content=...>
  kItemprop,     // an element with itemprop="datePublished" / "dateModified"
  kUrl,          // the page's address
  kTimeElement,  // <time datetime>, <abbr title>
  kDateline,     // a visible date line by the headline
  kDateElement,  // the text of an element whose class or id names a date
  kText,         // a date anywhere in the page's text
};
const char* DateSourceName(DateSource s);

enum class DateKind : uint8_t { kPublished, kModified, kUnknown };

struct DateEvidence {
  date::Date date;  // the page's local day when the source says it
  DateSource source = DateSource::kText;
  DateKind kind = DateKind::kUnknown;
  int score = 0;        // higher is more trusted for publication
  bool utc = false;     // from a timestamp in UTC: maybe not the page's local day
  bool offset = false;  // from a timestamp with its UTC offset: the writer's local day
  std::string where;    // the key, attribute or place ("meta article:published_time")
  std::string raw;      // the text read, cut to 80 bytes
  bool operator==(const DateEvidence&) const = default;
};

struct DateDecision {
  bool found = false;
  date::Date date;
  std::string reason;                  // why this date (or why none)
  std::vector<DateEvidence> evidence;  // every piece read, in the order found
};

struct DateContext {
  std::string url;        // the page's address, "" when unknown
  std::string canonical;  // the address the page names as its own (rel=canonical), or ""
  date::Date crawl;       // the crawl day (WARC-Date), year 0 when unknown
  std::string language;   // the page's declared language ("de", "pt-BR"), or ""
  uint32_t headline = ingest::HtmlDoc::kNone;  // the headline element
  uint32_t body = ingest::HtmlDoc::kNone;      // the first body paragraph's node
  // Nodes of the page's teasers and listings (1 = inside one); empty: none.
  const std::vector<uint8_t>* teaser_nodes = nullptr;
};

// All date evidence of the page, then the decision. Never fails: a page
// without a date gives found = false and a reason.
DateDecision FindPublicationDate(const ingest::HtmlDoc& doc, const DateContext& ctx);

// The decision as text, one line per piece of evidence, for
// `annals extract --explain-dates`.
std::string ExplainDecision(const DateDecision& d);

// A date in a machine-readable attribute or JSON value: a timestamp
// (date::ParseTimestamp), else a written date in any language.
bool ParseMachineDate(std::string_view s, date::Timestamp* out);

// The full date written in the page's address: /2016/12/23/, /2016-12-23-,
// /20161223/, ?date=2016-12-23. False when the address has none.
bool DateInUrl(std::string_view url, date::Date* out);
// The year and month of the address (/2016/12/), day 0; false when none.
bool MonthInUrl(std::string_view url, date::Date* out);

// The first full written date in `s`, in any language whose month names ICU
// knows ("3. Juli 2018", "29 de junio de 2019", "August 30, 2017", "16.12.2012",
// "2018年7月3日", "2019-06-27"). `language` (a BCP 47 tag or "") settles the
// order of "03/04/2019" (month first for English, day first otherwise) and
// month names that differ between languages. Returns the byte offset or npos;
// *len receives the date's length.
size_t FindWrittenDate(std::string_view s, std::string_view language, date::Date* out, size_t* len);
// The written date `s` starts with, as FindWrittenDate reads it with no
// language; its length, or 0 when `s` starts with none.
size_t ReadWrittenDate(std::string_view s, date::Date* out);

}  // namespace annals::segment
