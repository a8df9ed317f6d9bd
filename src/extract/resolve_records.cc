// What a story holds for the later steps, as records of the temporary logs:
// its mentions and facts, index columns, places, facts.
#include "src/extract/resolve_internal.h"

namespace annals::extract::resolve_internal {

std::string Encode(const StoryReading& r, const std::vector<int>& nodes) {
  std::string out;
  RecordWriter w(&out);
  w.Uint(r.mentions.size());
  for (size_t i = 0; i < r.mentions.size(); ++i) {
    const RawMention& m = r.mentions[i];
    w.Uint(static_cast<uint64_t>(m.type));
    w.Uint(m.begin);
    w.Uint(m.end);
    w.Int(m.parent);
    w.Int(m.alias_of);
    w.Int(nodes[i]);
    w.Bytes(m.body.str());
    w.Bytes(m.parent_head.str());
    w.Bytes(m.anaphor_head.str());
  }
  w.Uint(r.facts.size());
  for (const RawFact& f : r.facts) {
    w.Uint(static_cast<uint64_t>(f.type));
    w.Int(f.person);
    w.Int(f.organization);
    w.Int(f.country);
    w.Bytes(f.title);
    w.Int(f.year);
    w.Uint(f.sentence_begin);
    w.Uint(f.sentence_end);
  }
  return out;
}

bool Decode(std::string_view record, HeldStory* h) {
  RecordReader r(record);
  const auto int_of = [&r] { return static_cast<int>(r.Int()); };
  const auto u32_of = [&r] { return static_cast<uint32_t>(r.Uint()); };
  const uint64_t n = r.Uint();
  if (n > record.size()) return false;
  h->mentions.resize(static_cast<size_t>(n));
  for (HeldMention& m : h->mentions) {
    m.type = static_cast<EntityType>(r.Uint());
    m.begin = u32_of();
    m.end = u32_of();
    m.parent = int_of();
    m.alias_of = int_of();
    m.node = int_of();
    m.body = r.Bytes();
    m.parent_head = r.Bytes();
    m.anaphor_head = r.Bytes();
  }
  const uint64_t f = r.Uint();
  if (f > record.size()) return false;
  h->facts.resize(static_cast<size_t>(f));
  for (HeldFact& x : h->facts) {
    x.type = static_cast<FactType>(r.Uint());
    x.person = int_of();
    x.organization = int_of();
    x.country = int_of();
    x.title = r.Bytes();
    x.year = int_of();
    x.sentence_begin = u32_of();
    x.sentence_end = u32_of();
  }
  return r.ok() && r.done();
}

std::string EncodeColumn(const std::vector<int>& column) {
  std::string out;
  RecordWriter w(&out);
  for (int v : column) w.Int(v);
  return out;
}

bool DecodeColumn(std::string_view record, size_t n, std::vector<int>* column) {
  RecordReader r(record);
  column->resize(n);
  for (int& v : *column) v = static_cast<int>(r.Int());
  return r.ok() && r.done();
}

std::string EncodePlaces(const std::vector<Place>& places) {
  std::string out;
  RecordWriter w(&out);
  w.Uint(places.size());
  for (const Place& p : places) {
    w.Uint(p.begin);
    w.Int(static_cast<int64_t>(p.end) - static_cast<int64_t>(p.begin));
  }
  return out;
}

bool DecodePlaces(std::string_view record, std::vector<Place>* places) {
  RecordReader r(record);
  const uint64_t n = r.Uint();
  places->clear();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    const uint64_t begin = r.Uint();
    const int64_t end = static_cast<int64_t>(begin) + r.Int();
    if (begin > UINT32_MAX || end < 0 || end > UINT32_MAX) return false;
    places->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  }
  return r.ok() && r.done();
}

std::string EncodeFact(const FactRec& f) {
  std::string out;
  RecordWriter w(&out);
  w.Uint(static_cast<uint64_t>(f.type));
  for (int v : {f.person, f.organization, f.country, f.person_mention, f.organization_mention,
                f.country_mention, f.year}) {
    w.Int(v);
  }
  for (uint32_t v : {f.post, f.story, f.sentence_begin, f.sentence_end}) w.Uint(v);
  return out;
}

bool DecodeFact(std::string_view record, FactRec* f) {
  RecordReader r(record);
  f->type = static_cast<FactType>(r.Uint());
  for (int* v : {&f->person, &f->organization, &f->country, &f->person_mention,
                 &f->organization_mention, &f->country_mention, &f->year}) {
    *v = static_cast<int>(r.Int());
  }
  for (uint32_t* v : {&f->post, &f->story, &f->sentence_begin, &f->sentence_end}) {
    *v = static_cast<uint32_t>(r.Uint());
  }
  return r.ok() && r.done();
}

}  // namespace annals::extract::resolve_internal
