// A story's reading kept between runs (EventOptions::cache): its key, and
// its reports as a record whose entities are the story's own (remapped to
// the archive's list of the run that uses it).
#include "src/common/build_id.h"
#include "src/events/event_builder_internal.h"

#include <tsl/robin_map.h>

namespace annals::events::event_internal {
namespace {

// The format of EncodeKept's records: a record of another is not decoded.
constexpr uint64_t kKeptFormat = 1;

// The story's entities by their place in `in.used`.
std::unordered_map<uint32_t, uint32_t> LocalPlaces(const KeptInputs& in) {
  std::unordered_map<uint32_t, uint32_t> local;
  local.reserve(in.used.size());
  for (uint32_t i = 0; i < in.used.size(); ++i) local.emplace(in.used[i], i);
  return local;
}

// What Demonym read, seen from this story: every country's names and
// aliases in order (Index::countries_digest), and which of the story's
// entities are which of those countries (a chair Demonym finds may be one
// the story names).
uint64_t KeptCountries(const Index& ix, const KeptInputs& in) {
  std::string fields;
  RecordWriter w(&fields);
  for (uint32_t e : in.used) w.Uint(uint64_t{ix.country_of[e]} + 1);  // kNone + 1 wraps to 0
  return text::Hash64(fields, ix.countries_digest);
}

}  // namespace

uint64_t KeptProgram() {
  static const uint64_t kProgram = [] {
    const uint64_t p = ProgramPrint();
    if (p == 0) return uint64_t{0};
    const uint64_t h = text::Hash64("events reading " + std::to_string(kKeptFormat), p);
    return h == 0 ? uint64_t{1} : h;
  }();
  return kProgram;
}

KeptInputs ReadingInputs(const Story& story, size_t text_size, uint64_t text_digest, size_t index,
                         const Index& ix, std::span<const MentionRef> raw, uint64_t program) {
  KeptInputs in;
  in.mentions = ix.MentionsOf(index, raw);
  if (!story.title.empty()) in.title_names = FindNames(TitleText(story), ix);
  if (program == 0) return in;
  tsl::robin_map<uint32_t, uint32_t> local;  // open addressing: no node a mention
  auto place = [&](uint32_t e) {
    auto [it, added] = local.emplace(e, static_cast<uint32_t>(in.used.size()));
    if (added) in.used.push_back(e);
    return it->second;
  };
  // Every field the reading reads, each list after its length, so that no
  // two inputs give one string.
  std::string fields;
  RecordWriter w(&fields);
  w.Uint(story.title.size());
  w.Uint(text_size);
  w.Uint(story.date.size());
  for (const std::vector<Ment>* ms : {&in.title_names, &in.mentions}) {
    w.Uint(ms->size());
    for (const Ment& m : *ms) {
      w.Uint(m.begin);
      w.Uint(m.end);
      w.Uint(place(m.entity));
    }
  }
  // Of each entity, what StoryReader reads: its type (Index::Type) and the
  // year in its name (Index::name_year).
  w.Uint(in.used.size());
  for (uint32_t e : in.used) {
    w.Uint(static_cast<uint64_t>(ix.Type(e)));
    w.Int(ix.name_year[e]);
  }
  // The text by its digest, which a store knows once a pass read the text.
  uint64_t h = extract::KeyStep(fields, program);
  h = extract::KeyStep(story.title, h);
  h = extract::KeyStep(
      std::string_view(reinterpret_cast<const char*>(&text_digest), sizeof text_digest), h);
  h = extract::KeyStep(story.date, h);
  in.key = h == 0 ? 1 : h;
  return in;
}

std::optional<std::string> EncodeKept(const StoryResult& read, const KeptInputs& in,
                                      const Index& ix) {
  const std::unordered_map<uint32_t, uint32_t> local = LocalPlaces(in);
  bool ok = true;
  auto ref = [&](uint32_t e) -> uint32_t {
    if (e == kNone) return kNone;
    if (auto it = local.find(e); it != local.end()) return it->second;
    if (read.used_countries && e < ix.country_of.size() && ix.country_of[e] != kNone) {
      return static_cast<uint32_t>(in.used.size()) + ix.country_of[e];
    }
    ok = false;
    return kNone;
  };
  std::vector<Candidate> cs = read.events;
  for (Candidate& c : cs) {
    c.place = ref(c.place);
    c.chair = ref(c.chair);
    for (uint32_t& p : c.participants) p = ref(p);
    for (uint32_t& p : c.principal) p = ref(p);
    c.story = 0;  // the story's index in the run that uses it
  }
  std::string out;
  RecordWriter w(&out);
  w.Uint(kKeptFormat);
  w.Uint(read.used_countries ? 1 : 0);
  if (read.used_countries) w.Uint(KeptCountries(ix, in));
  w.Uint(cs.size());
  w.Bytes(EncodeCandidates(cs));
  w.Uint(read.refs.size());
  for (const RefLink& r : read.refs) {
    w.Uint(uint64_t{ref(r.entity)} + 1);
    w.Uint(r.dates.size());
    for (const date::Date& d : r.dates) PutDate(d, &w);
  }
  if (!ok) return std::nullopt;
  return out;
}

bool DecodeKept(std::string_view record, const KeptInputs& in, const Index& ix, size_t index,
                StoryReports* out) {
  RecordReader r(record);
  if (r.Uint() != kKeptFormat || !r.ok()) return false;
  const uint64_t countries = r.Uint();
  if (countries > 1 || (countries == 1 && r.Uint() != KeptCountries(ix, in))) return false;
  bool ok = true;
  auto global = [&](uint32_t v) -> uint32_t {
    if (v == kNone) return kNone;
    if (v < in.used.size()) return in.used[v];
    const size_t k = v - in.used.size();
    if (countries == 1 && k < ix.countries.size()) return ix.countries[k];
    ok = false;
    return kNone;
  };
  const uint64_t n = r.Uint();
  RecordReader encoded(r.Bytes());
  if (!r.ok()) return false;
  std::vector<Candidate> cs;
  Candidate c;
  for (uint64_t i = 0; i < n; ++i) {
    if (!ReadCandidate(&encoded, &c) || c.type > EventType::kOther) return false;
    c.place = global(c.place);
    c.chair = global(c.chair);
    for (uint32_t& p : c.participants) p = global(p);
    for (uint32_t& p : c.principal) p = global(p);
    c.story = index;
    cs.push_back(std::move(c));
  }
  if (!encoded.done()) return false;
  std::vector<RefLink> refs;
  const uint64_t k = r.Uint();
  for (uint64_t i = 0; i < k && r.ok(); ++i) {
    RefLink link;
    const uint64_t e = r.Uint();
    if (e == 0 || e > UINT32_MAX) return false;
    link.entity = global(static_cast<uint32_t>(e - 1));
    const uint64_t dates = r.Uint();
    for (uint64_t d = 0; d < dates && r.ok(); ++d) {
      date::Date date;
      date.year = static_cast<int>(r.Int());
      date.month = static_cast<int>(r.Int());
      date.day = static_cast<int>(r.Int());
      link.dates.push_back(date);
    }
    link.story = index;
    refs.push_back(std::move(link));
  }
  if (!ok || !r.ok() || !r.done()) return false;
  out->candidates = EncodeCandidates(cs);
  out->refs = std::move(refs);
  return true;
}

}  // namespace annals::events::event_internal
