// A story's candidates as one record, and back.
#include "src/events/event_builder_internal.h"

namespace annals::events::event_internal {

std::string EncodeCandidates(const std::vector<Candidate>& cs) {
  std::string out;
  RecordWriter w(&out);
  auto entity = [&](uint32_t e) { w.Uint(e == kNone ? 0 : uint64_t{e} + 1); };
  for (const Candidate& c : cs) {
    w.Uint(static_cast<uint64_t>(c.type));
    w.Uint(c.from_title);
    w.Uint(c.lemma);
    PutDate(c.start, &w);
    PutDate(c.last, &w);
    entity(c.place);
    w.Int(c.place_rank);
    entity(c.chair);
    w.Int(c.sentence);
    PutList(c.participants, &w);
    PutList(c.principal, &w);
    w.Uint(c.story);
    w.Uint(c.sentence_begin);
    w.Uint(c.sentence_end);
  }
  return out;
}

bool ReadCandidate(RecordReader* r, Candidate* c) {
  auto num = [&](auto* x) { *x = static_cast<std::remove_pointer_t<decltype(x)>>(r->Uint()); };
  auto entity = [&](uint32_t* e) {
    const uint64_t v = r->Uint();
    *e = v == 0 ? kNone : static_cast<uint32_t>(v - 1);
  };
  auto date = [&](date::Date* d) {
    d->year = static_cast<int>(r->Int());
    d->month = static_cast<int>(r->Int());
    d->day = static_cast<int>(r->Int());
  };
  auto list = [&](std::vector<uint32_t>* v) {
    const uint64_t k = r->Uint();
    v->clear();
    for (uint64_t i = 0; i < k && r->ok(); ++i) v->push_back(static_cast<uint32_t>(r->Uint()));
  };
  c->type = static_cast<EventType>(r->Uint());
  c->from_title = r->Uint() != 0;
  num(&c->lemma);
  date(&c->start);
  date(&c->last);
  entity(&c->place);
  c->place_rank = static_cast<int>(r->Int());
  entity(&c->chair);
  c->sentence = static_cast<int>(r->Int());
  list(&c->participants);
  list(&c->principal);
  num(&c->story);
  num(&c->sentence_begin);
  num(&c->sentence_end);
  return r->ok();
}

}  // namespace annals::events::event_internal
