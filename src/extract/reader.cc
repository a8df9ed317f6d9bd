#include "src/extract/reader.h"

// ReadStory: a Russian story goes to reader_ru.cc; an English one to the
// Reader of reader_internal.h, driven here a sentence at a time.

#include <utility>

#include "src/extract/reader_internal.h"
#include "src/extract/reader_ru.h"

namespace annals::extract {
namespace reader_internal {

StoryReading Reader::Run() {
  if (!story_.title.empty()) {
    // The headline names what the story is about, often in full ("...
    // Secretary General X met ..."); its names count, but its facts wait
    // for the text, whose sentences are their evidence.
    ReadText(story_.title, kInTitle);
    out_.facts.clear();
  }
  ReadText(story_.text, 0);
  return std::move(out_);
}

void Reader::ReadText(std::string_view text, uint32_t place_bit) {
  text_ = text;
  place_bit_ = place_bit;
  Tokenize(text_, &tokens_);
  SplitSentences(text_, &tokens_, &sentences_);
  cue_.assign(tokens_.size(), 0);
  for (const Sentence& s : sentences_) ReadSentence(s);
}

void Reader::ReadSentence(const Sentence& s) {
  BuildUnits(s);
  // A sentence in capitals is a headline or a shout: nothing reads as a name in it.
  int caps = 0, words = 0;
  for (const Unit& u : units_) {
    if (u.kind == UnitKind::kBreak && tokens_[u.tb].kind == TokenKind::kPunct) continue;
    ++words;
    if (tokens_[u.tb].Has(kAllCaps)) ++caps;
  }
  if (words >= 4 && caps * 10 >= words * 6) return;
  BuildChunks();
  MarkContexts(s);
  const size_t first_mention = out_.mentions.size();
  const size_t first_fact = out_.facts.size();
  for (ChunkInfo& c : chunks_) {
    if (c.suppressed) {
      // The descriptor still may hold a state or an acronym.
      continue;
    }
    Interpret(&c);
  }
  Appositions();
  ListedPosts(s, first_mention);
  LocativePlaces(s);
  LowerCasePlaceHeads(s);
  for (const ChunkInfo& c : chunks_) {
    if (c.person < 0) continue;
    for (const Post& p : c.posts) {
      out_.facts.push_back({.type = FactType::kHoldsPost,
                            .person = c.person,
                            .organization = p.org,
                            .title = p.title,
                            .sentence_begin = s.begin,
                            .sentence_end = s.end});
    }
  }
  ParentheticAliases(s, first_mention);
  DocumentHorizons(s, first_mention);
  if (triggers_) {
    Chairs(s, first_mention);
    MemberOf(s, first_mention);
  }
  (void)first_fact;
}

}  // namespace reader_internal

StoryReading ReadStory(const Story& story, const Gazetteer& gazetteer, ReadScratch* scratch) {
  if (IsRussianStory(story)) return ReadRussianStory(story, gazetteer, scratch);
  reader_internal::Reader r(story, gazetteer, scratch);
  return r.Run();
}

}  // namespace annals::extract
