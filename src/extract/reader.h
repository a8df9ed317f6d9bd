// ReadStory: what one story says, before names are resolved across the
// archive. Finds the names a story mentions (people, organizations and their
// bodies, states, places, exercises, operations, documents) and the raw facts
// its sentences state (holds_post, chairs, member_of), all as byte offsets
// into Story::text. Names are read by their shape (capitalized words joined by
// "of", "for", "on", ...), typed by head words, titles and packaged data
// (gazetteer.h), never by lists of particular names.
// Thread safety: reentrant; one ReadScratch per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "annals/types.h"
#include "src/extract/gazetteer.h"
#include "src/extract/tokens.h"

namespace annals::extract {

// A string that takes the room of one pointer while empty, as most of
// RawMention's four optional names are (a chunk of stories' readings holds
// about 85 mentions a story).
class CompactString {
 public:
  CompactString() = default;
  CompactString(std::string s) { Assign(std::move(s)); }  // NOLINT: implicit, as a std::string
  CompactString(const CompactString& o)
      : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
  CompactString(CompactString&&) noexcept = default;
  CompactString& operator=(const CompactString& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr;
    return *this;
  }
  CompactString& operator=(CompactString&&) noexcept = default;
  CompactString& operator=(std::string s) {
    Assign(std::move(s));
    return *this;
  }
  CompactString& operator+=(const std::string& s) {
    if (!s.empty()) Assign(str() + s);
    return *this;
  }
  bool empty() const { return p_ == nullptr; }
  const std::string& str() const { return p_ ? *p_ : Empty(); }
  operator const std::string&() const { return str(); }  // NOLINT: reads as a std::string

 private:
  static const std::string& Empty() {
    static const std::string kEmpty;
    return kEmpty;
  }
  void Assign(std::string s) {
    p_ = s.empty() ? nullptr : std::make_unique<std::string>(std::move(s));
  }
  std::unique_ptr<std::string> p_;
};

// Set in RawMention::begin and end for a name read in Story::title: the
// rest are bytes of the title (no text is that long). Such a mention counts
// for its entity but is no MentionRef, whose offsets are into the text.
inline constexpr uint32_t kInTitle = 0x80000000u;

// One name as the story writes it.
struct RawMention {
  EntityType type = EntityType::kOrganization;
  uint32_t begin = 0;  // bytes of the name in Story::text (or title: kInTitle)
  uint32_t end = 0;
  std::string form;  // the name as written, spaces squeezed, possessive dropped
  // A body or document named under a parent ("NDA Joint Defence Council",
  // "Council of Harbour Ministers of the Organization"): the name without the
  // parent ("Joint Defence Council"), or "".
  CompactString body;
  int parent = -1;             // index of the parent's RawMention in this story
  CompactString parent_head;   // the parent is "the Organization": its head, lower case
  CompactString anaphor_head;  // this mention is "the Secretariat": head, lower case
  CompactString alt_form;      // another full form ("Council of the X" -> "X Council")
  int gazetteer = -1;        // gazetteer entry, for states, places and CLDR organizations
  int alias_of = -1;         // an "(ABC)" after a name: index of the named mention
  bool acronym = false;      // the form is an acronym ("NDA") or a symbol ("X/REC/31/7")
  bool quoted = false;       // written between quotes
};

// A fact before resolution: its arguments are indices into the story's mentions.
struct RawFact {
  FactType type = FactType::kHoldsPost;
  int person = -1;
  int organization = -1;  // kStoryOrganization: the organization the story is about
  int country = -1;
  std::string title;  // holds_post: the post as written ("Secretary General", "Chief")
  int year = 0;       // chairs
  uint32_t sentence_begin = 0;
  uint32_t sentence_end = 0;
};
inline constexpr int kStoryOrganization = -2;

struct StoryReading {
  std::vector<RawMention> mentions;
  std::vector<RawFact> facts;
};

// Buffers reused from story to story by one thread.
struct ReadScratch {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

// Reads `story`. Never fails; any text is safe.
StoryReading ReadStory(const Story& story, const Gazetteer& gazetteer, ReadScratch* scratch);

}  // namespace annals::extract
