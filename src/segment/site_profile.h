// SiteProfile: what repeats across the pages of one run. A short line found
// on most pages is site template (menus, "Go back" links), not story text.
// Thread safety: build with AddDocument on one thread, then IsTemplate may
// be called from many threads concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tsl/robin_map.h>
#include <utility>
#include <vector>

#include "annals/options.h"
#include "src/ingest/document.h"
#include "src/segment/date_lines.h"

namespace annals::segment {

// Lines of at most this many words can be template lines; longer ones are
// text (teasers repeat across pages too, and they are stories).
inline constexpr size_t kTemplateMaxWords = 8;
// Whether line `s` has more than kTemplateMaxWords words (parted by spaces
// and tabs); stops counting there (most lines of a page are long paragraph
// lines).
bool TooLongForTemplate(std::string_view s);
// Long lines counted per page by SiteProfile::PagesWithLongLine.
inline constexpr size_t kRepeatLinesPerPage = 12;
inline constexpr size_t kRepeatTailLines = 4;
// At most this many long lines are counted at once: past it, the lines seen
// on one page only are forgotten (a repeated teaser or footer comes back
// soon); the bound doubles when most lines are repeated. This keeps the
// memory of a long run small (about 12 MB at the first bound).
inline constexpr size_t kLongLinesCap = size_t{1} << 18;

// One answer a SiteProfile gave: what was asked (kind and key: a line's
// hash) and the answer, as the decisions read it.
struct ProfileLookup {
  enum Kind : uint8_t { kTemplate = 1, kLongLine, kFooter, kSlashOrder, kPages, kLongLinePages,
                      kLongLineTailPages };
  Kind kind;
  uint64_t key = 0;
  int64_t answer = 0;
  auto operator<=>(const ProfileLookup&) const = default;
  // Whether it is about a line (`key` is SiteProfile::TemplateKey or
  // LongLineKey), and then whether a long one.
  bool about_line() const { return kind != kSlashOrder && kind != kPages; }
  bool long_line() const { return kind != kTemplate; }
};

class SiteProfile {
 public:
  // What one page adds to a profile: AddDocument(doc) is
  // AddPage(CountPage(doc)), split so that a page counted into two profiles
  // (an ingest's crawl profile and its batch's) is read once.
  struct PageLines {
    bool text = false;  // a text page (an HTML page adds nothing)
    int slash_day_first = 0;
    int slash_month_first = 0;
    std::vector<uint64_t> lines;  // the distinct short lines' keys
    std::vector<std::pair<uint64_t, bool>> long_lines;  // distinct keys, at the tail
  };
  static PageLines CountPage(const ingest::Document& doc);
  void AddPage(const PageLines& page);
  // Takes off a page added before (a page whose content changed: issue 24).
  // A long line it had that is no longer counted (seen once, forgotten) is
  // left so: counts of 0 and 1 answer alike.
  void RemovePage(const PageLines& page);
  // Counts each distinct short line of `doc` once.
  void AddDocument(const ingest::Document& doc) { AddPage(CountPage(doc)); }
  // True when `line` is short and on enough of the pages (SegmentOptions
  // template_min_share and template_min_pages).
  bool IsTemplate(std::string_view line, const SegmentOptions& options) const;
  // The number of text pages counted (recorded as read: a segmentation
  // that reads it depends on its exact value).
  int pages() const;
  // On how many pages of the run the long line `line` (trimmed) was seen,
  // known by its first 80 bytes, among the first kRepeatLinesPerPage and the
  // last kRepeatTailLines long lines of each page (listings sit at the top
  // of a site's pages, footers at the bottom): a teaser line repeats across
  // the pages that list it, a footer on most pages, an article's text not.
  int PagesWithLongLine(std::string_view line) const;
  // On how many of those pages the line was among the last
  // kRepeatTailLines long lines, after a long line of the page's own: a
  // footer is there on every page that has it; an article's lead shown as
  // a teaser on other pages is at their top.
  int PagesWithLongLineAtTail(std::string_view line) const;
  // Whether the long line `line` repeats: `pages` is 2 when it was seen on
  // 2 pages or more (PagesWithLongLine), else 0 (a line seen on one page
  // only may be forgotten, kLongLinesCap). The segmenter reads no more of
  // a long line's counts than this and IsFooter, so that a page's
  // recorded lookups (LookupRecorder) hold every answer its segmentation
  // depended on.
  struct LongLineCount {
    int pages = 0;
  };
  LongLineCount LongLineCounts(std::string_view line) const;
  // Whether the long line `line` is the site's footer: seen on at least
  // template_min_pages pages and half the pages of the run, and on each of
  // them among its last long lines (PagesWithLongLineAtTail).
  bool IsFooter(std::string_view line, const SegmentOptions& options) const;
  // The order of day and month in the run's slash dates: day first when
  // more of its dates can only be read day first ("31/12/2024") than month
  // first ("12/31/2024"); else month first.
  SlashOrder slash_order() const;

  // The keys the lookups of a line are made by: IsTemplate's (a short
  // line's, as given) and LongLineCounts' and IsFooter's (its first bytes,
  // trimmed).
  static uint64_t TemplateKey(std::string_view line);
  static uint64_t LongLineKey(std::string_view line);

  // Whether every lookup recorded in `packed` (PackLookups) answers the
  // same with this profile and `options`: then a segmentation that made
  // them gives the same stories (docs/split-invariance.md). False also when
  // `packed` is empty or damaged, or was recorded with other options.
  bool AnswersAsRecorded(std::string_view packed, const SegmentOptions& options) const;
  // The answer this profile gives now to a lookup of `kind` about `key`
  // (0 for the keyless kinds), as ProfileLookup::answer records it, without
  // recording it: what AnswersAsRecorded compares.
  int64_t Answer(ProfileLookup::Kind kind, uint64_t key, const SegmentOptions& options) const;

 private:
  friend struct SiteProfileCounts;  // site_profile_store.cc: copies and adds the counts
  // The answers of the lookups by key (a line's hash), recorded or not.
  bool Repeated(uint64_t key) const;
  int LongLinePages(uint64_t key, bool tail) const;
  bool Template(uint64_t key, const SegmentOptions& options) const;
  bool Footer(uint64_t key, const SegmentOptions& options) const;
  // Open addressing (robin_map): finding a line's count, which every line
  // of every page's segmentation does, is one probe into one array where
  // std::unordered_map's nodes took two cache misses (perf: 2.5% of an
  // ingest of stories). What is stored of the counts does not depend on
  // the tables' order (site_profile_store.cc, StoryStore::AddProfileCounts).
  tsl::robin_map<uint64_t, int> line_pages_;
  struct LongLineSeen {
    uint32_t pages = 0;
    uint32_t tail_pages = 0;
  };
  tsl::robin_map<uint64_t, LongLineSeen> long_line_pages_;
  // Forgets the long lines seen on one page only (past long_lines_cap_).
  void ForgetLongLinesSeenOnce();
  size_t long_lines_cap_ = kLongLinesCap;
  int pages_ = 0;
  int slash_day_first_ = 0;
  int slash_month_first_ = 0;
};

// While one lives, the lookups this thread makes of any SiteProfile
// (every const member but AnswersAsRecorded) are appended
// to *out: those of one page's segmentation (issue 24).
class LookupRecorder {
 public:
  explicit LookupRecorder(std::vector<ProfileLookup>* out);
  ~LookupRecorder();
  LookupRecorder(const LookupRecorder&) = delete;
  LookupRecorder& operator=(const LookupRecorder&) = delete;

 private:
  std::vector<ProfileLookup>* previous_;
};

// `lookups` (any order, repeats allowed) as bytes to keep with the page,
// with a fingerprint of `options` (SiteProfile::AnswersAsRecorded).
std::string PackLookups(std::vector<ProfileLookup> lookups, const SegmentOptions& options);
// The fingerprint of `options` and the program that PackLookups writes:
// lookups recorded with another are not answered as recorded.
uint64_t LookupsPrint(const SegmentOptions& options);
// The lookups of `packed` (PackLookups), whatever options they were
// recorded with; false when `packed` is empty or damaged.
bool UnpackLookups(std::string_view packed, std::vector<ProfileLookup>* out);

}  // namespace annals::segment
