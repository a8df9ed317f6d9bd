#include "src/segment/site_profile.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

#include "src/common/build_id.h"
#include "src/common/date.h"
#include "src/common/record_log.h"
#include "src/common/text.h"
#include "src/segment/text_segmenter.h"

namespace annals::segment {

bool TooLongForTemplate(std::string_view s) {
  // Eight bytes at a time: a word starts at each byte that is no space
  // with a space (or the line's start) before it.
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  // Bit 7 set in each zero byte of y, exactly (no false alarm after a zero).
  auto zero_bytes = [&](uint64_t y) { return ~(((y & kLow7) + kLow7) | y) & kHigh; };
  size_t n = 0;
  uint64_t before = 0x80;  // bit 7 of the first byte: a space (or the start) before it
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, sizeof x);
    const uint64_t space = zero_bytes(x ^ (' ' * kOnes)) | zero_bytes(x ^ ('\t' * kOnes));
    const uint64_t starts = ~space & kHigh & ((space << 8) | before);
    n += static_cast<size_t>(((starts >> 7) * kOnes) >> 56);  // bytes with bit 7
    if (n > kTemplateMaxWords) return true;
    before = (space >> 56) & 0x80;
  }
  bool in = before == 0;
  for (; i < s.size(); ++i) {
    const bool space = s[i] == ' ' || s[i] == '\t';
    if (!space && !in && ++n > kTemplateMaxWords) return true;
    in = !space;
  }
  return false;
}

namespace {

// Date lines and attachment names repeat across pages because the same
// teasers do (a sidebar on every page); they belong to stories, never to
// the template.
bool IsStoryLine(std::string_view line) {
  date::Date d;
  if (date::ParseDateLine(line, &d)) return true;
  std::string_view rest = line;
  if (date::ConsumeDate(&rest, &d)) return true;  // "07.02.2025 Download document X"
  return !AttachmentName(line).empty();
}

// A long line is known by its first bytes: the pages of a crawl excerpt
// may cut the same footer or teaser at different points.
uint64_t KeyOfLongLine(std::string_view line) {
  return std::hash<std::string_view>{}(line.substr(0, std::min<size_t>(line.size(), 80)));
}

// The lookups of this thread's segmentation, when a LookupRecorder lives.
thread_local std::vector<ProfileLookup>* t_recorded = nullptr;

void Record(ProfileLookup::Kind kind, uint64_t key, int64_t answer) {
  if (t_recorded != nullptr) t_recorded->push_back({.kind = kind, .key = key, .answer = answer});
}

}  // namespace

uint64_t SiteProfile::TemplateKey(std::string_view line) { return text::FoldHash(line); }

uint64_t SiteProfile::LongLineKey(std::string_view line) {
  return KeyOfLongLine(text::Trim(line));
}

LookupRecorder::LookupRecorder(std::vector<ProfileLookup>* out) : previous_(t_recorded) {
  t_recorded = out;
}

LookupRecorder::~LookupRecorder() { t_recorded = previous_; }

SiteProfile::PageLines SiteProfile::CountPage(const ingest::Document& doc) {
  PageLines page;
  if (doc.format != ingest::DocFormat::kText) return page;
  page.text = true;
  CountSlashDates(doc.text, &page.slash_day_first, &page.slash_month_first);
  // Distinct keys by sorting vectors, not by hash sets of a node per line:
  // the profile's tables (robin_map) come out the same whatever the order.
  std::vector<uint64_t> seen, long_keys;
  for (std::string_view line : text::Lines(doc.text)) {
    line = text::Trim(line);
    if (line.empty()) continue;
    if (TooLongForTemplate(line)) {
      long_keys.push_back(LongLineKey(line));
      continue;
    }
    if (IsStoryLine(line)) continue;
    seen.push_back(TemplateKey(line));
  }
  auto distinct = [](std::vector<uint64_t>* v) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  };
  std::vector<uint64_t> seen_long, seen_tail;
  for (size_t i = 0; i < long_keys.size(); ++i) {
    const bool tail = i + kRepeatTailLines >= long_keys.size();
    if (i < kRepeatLinesPerPage || tail) seen_long.push_back(long_keys[i]);
    // A page's first long line is its own (an article's lead, shown as a
    // teaser at the top of other pages), unless it is its only one: a page
    // that holds nothing but the footer, which is not to make it text.
    if (tail && (i > 0 || long_keys.size() == 1)) seen_tail.push_back(long_keys[i]);
  }
  distinct(&seen);
  distinct(&seen_long);
  distinct(&seen_tail);
  page.lines = std::move(seen);
  page.long_lines.reserve(seen_long.size());
  for (uint64_t h : seen_long) {
    page.long_lines.emplace_back(h, std::binary_search(seen_tail.begin(), seen_tail.end(), h));
  }
  return page;
}

void SiteProfile::AddPage(const PageLines& page) {
  if (!page.text) return;
  slash_day_first_ += page.slash_day_first;
  slash_month_first_ += page.slash_month_first;
  for (uint64_t h : page.lines) ++line_pages_[h];
  for (const auto& [h, tail] : page.long_lines) {
    LongLineSeen& c = long_line_pages_[h];
    ++c.pages;
    if (tail) ++c.tail_pages;
  }
  if (long_line_pages_.size() > long_lines_cap_) {
    ForgetLongLinesSeenOnce();
    // Mostly repeated lines: let the table grow rather than prune on every page.
    if (long_line_pages_.size() > long_lines_cap_ / 2) long_lines_cap_ *= 2;
  }
  ++pages_;
}

void SiteProfile::RemovePage(const PageLines& page) {
  if (!page.text) return;
  slash_day_first_ = std::max(slash_day_first_ - page.slash_day_first, 0);
  slash_month_first_ = std::max(slash_month_first_ - page.slash_month_first, 0);
  for (uint64_t h : page.lines) {
    auto it = line_pages_.find(h);
    if (it == line_pages_.end()) continue;
    if (it->second <= 1) {
      line_pages_.erase(it);
    } else {
      --it.value();
    }
  }
  for (const auto& [h, tail] : page.long_lines) {
    auto it = long_line_pages_.find(h);
    if (it == long_line_pages_.end()) continue;
    if (it->second.pages <= 1) {
      long_line_pages_.erase(it);
      continue;
    }
    --it.value().pages;
    if (tail && it->second.tail_pages > 0) --it.value().tail_pages;
  }
  if (pages_ > 0) --pages_;
}

void SiteProfile::ForgetLongLinesSeenOnce() {
  for (auto it = long_line_pages_.begin(); it != long_line_pages_.end();) {
    it = it->second.pages < 2 ? long_line_pages_.erase(it) : std::next(it);
  }
}

int SiteProfile::LongLinePages(uint64_t key, bool tail) const {
  auto it = long_line_pages_.find(key);
  if (it == long_line_pages_.end()) return 0;
  return static_cast<int>(tail ? it->second.tail_pages : it->second.pages);
}

int SiteProfile::PagesWithLongLine(std::string_view line) const {
  const uint64_t key = LongLineKey(line);
  const int n = LongLinePages(key, false);
  Record(ProfileLookup::kLongLinePages, key, n);
  return n;
}

int SiteProfile::PagesWithLongLineAtTail(std::string_view line) const {
  const uint64_t key = LongLineKey(line);
  const int n = LongLinePages(key, true);
  Record(ProfileLookup::kLongLineTailPages, key, n);
  return n;
}

int SiteProfile::pages() const {
  Record(ProfileLookup::kPages, 0, pages_);
  return pages_;
}

SlashOrder SiteProfile::slash_order() const {
  const SlashOrder order =
      slash_day_first_ > slash_month_first_ ? SlashOrder::kDayFirst : SlashOrder::kMonthFirst;
  Record(ProfileLookup::kSlashOrder, 0, static_cast<int64_t>(order));
  return order;
}

bool SiteProfile::Repeated(uint64_t key) const {
  auto it = long_line_pages_.find(key);
  return it != long_line_pages_.end() && it->second.pages >= 2;
}

SiteProfile::LongLineCount SiteProfile::LongLineCounts(std::string_view line) const {
  const uint64_t key = LongLineKey(line);
  const bool repeated = Repeated(key);
  Record(ProfileLookup::kLongLine, key, repeated);
  return {.pages = repeated ? 2 : 0};
}

bool SiteProfile::Footer(uint64_t key, const SegmentOptions& options) const {
  auto it = long_line_pages_.find(key);
  if (it == long_line_pages_.end()) return false;
  const int64_t seen = it->second.pages;
  return seen >= options.template_min_pages && seen * 2 >= pages_ &&
         it->second.tail_pages == it->second.pages;
}

bool SiteProfile::IsFooter(std::string_view line, const SegmentOptions& options) const {
  const uint64_t key = LongLineKey(line);
  const bool footer = Footer(key, options);
  Record(ProfileLookup::kFooter, key, footer);
  return footer;
}

bool SiteProfile::Template(uint64_t key, const SegmentOptions& options) const {
  if (pages_ < options.template_min_pages) return false;
  auto it = line_pages_.find(key);
  if (it == line_pages_.end()) return false;
  return it->second >= options.template_min_pages &&
         it->second >= options.template_min_share * pages_;
}

bool SiteProfile::IsTemplate(std::string_view line, const SegmentOptions& options) const {
  // A long line is never template, whatever the counts: not a lookup.
  if (TooLongForTemplate(line)) return false;
  const uint64_t key = TemplateKey(line);
  const bool answer = Template(key, options);
  Record(ProfileLookup::kTemplate, key, answer);
  return answer;
}

namespace {

// The options the recorded answers were given with: IsTemplate and
// IsFooter read some, and the segmentation itself the others (a page
// recorded with other options is segmented again, as it would be by hand);
// and the program (ProgramPrint): a page recorded by another build is
// segmented again, since the new code may segment it otherwise whatever the
// answers.
uint64_t OptionsPrint(const SegmentOptions& o) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%.17g|%d|%zu|%.17g|%.17g|", o.template_min_share,
                o.template_min_pages, o.max_headline_chars, o.line_other_margin,
                o.line_title_margin);
  return text::Hash64(std::string(buf) + o.line_model_file, ProgramPrint());
}

// PackLookups' format: "L2", the options' print (8 bytes, little-endian),
// then per lookup its kind (1 byte), key (8 bytes, little-endian) and
// answer (RecordWriter::Uint's varint: 1 byte for the yes/no answers).
constexpr std::string_view kLookupsMagic = "L2";

void PutU64(uint64_t v, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

}  // namespace

std::string PackLookups(std::vector<ProfileLookup> lookups, const SegmentOptions& options) {
  std::sort(lookups.begin(), lookups.end());
  lookups.erase(std::unique(lookups.begin(), lookups.end()), lookups.end());
  std::string out(kLookupsMagic);
  out.reserve(out.size() + 8 + lookups.size() * 10);
  PutU64(OptionsPrint(options), &out);
  for (const ProfileLookup& l : lookups) {
    out.push_back(static_cast<char>(l.kind));
    PutU64(l.key, &out);
    RecordWriter(&out).Uint(static_cast<uint64_t>(l.answer));
  }
  return out;
}

int64_t SiteProfile::Answer(ProfileLookup::Kind kind, uint64_t key,
                            const SegmentOptions& options) const {
  switch (kind) {
    case ProfileLookup::kTemplate: return Template(key, options);
    case ProfileLookup::kLongLine: return Repeated(key);
    case ProfileLookup::kFooter: return Footer(key, options);
    case ProfileLookup::kSlashOrder:
      return static_cast<int64_t>(slash_day_first_ > slash_month_first_ ? SlashOrder::kDayFirst
                                                                       : SlashOrder::kMonthFirst);
    case ProfileLookup::kPages: return pages_;
    case ProfileLookup::kLongLinePages: return LongLinePages(key, false);
    case ProfileLookup::kLongLineTailPages: return LongLinePages(key, true);
  }
  return -1;  // not a kind: answers nothing as recorded
}

namespace {

// Calls fn(kind, key, answer) for each lookup of `packed` after its head;
// false when `packed` is damaged (fn may have been called for some).
template <class Fn>
bool ForEachLookup(std::string_view packed, Fn&& fn) {
  const size_t head = kLookupsMagic.size() + 8;
  if (packed.size() < head || packed.substr(0, kLookupsMagic.size()) != kLookupsMagic) {
    return false;
  }
  for (size_t at = head; at < packed.size();) {
    if (packed.size() - at < 10) return false;
    const auto kind = static_cast<unsigned char>(packed[at]);
    const uint64_t key = GetU64(packed.data() + at + 1);
    at += 9;
    RecordReader r(packed.substr(at));
    const auto answer = static_cast<int64_t>(r.Uint());
    if (!r.ok()) return false;
    at = packed.size() - r.left();
    if (kind < ProfileLookup::kTemplate || kind > ProfileLookup::kLongLineTailPages) return false;
    if (!fn(static_cast<ProfileLookup::Kind>(kind), key, answer)) return false;
  }
  return true;
}

}  // namespace

uint64_t LookupsPrint(const SegmentOptions& options) { return OptionsPrint(options); }

bool UnpackLookups(std::string_view packed, std::vector<ProfileLookup>* out) {
  return ForEachLookup(packed, [&](ProfileLookup::Kind kind, uint64_t key, int64_t answer) {
    out->push_back({.kind = kind, .key = key, .answer = answer});
    return true;
  });
}

bool SiteProfile::AnswersAsRecorded(std::string_view packed, const SegmentOptions& options) const {
  const size_t head = kLookupsMagic.size() + 8;
  if (packed.size() < head || GetU64(packed.data() + kLookupsMagic.size()) != OptionsPrint(options)) {
    return false;
  }
  return ForEachLookup(packed, [&](ProfileLookup::Kind kind, uint64_t key, int64_t answer) {
    return Answer(kind, key, options) == answer;
  });
}

}  // namespace annals::segment
