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
#include <string>
#include <vector>

#include "annals/types.h"
#include "src/extract/gazetteer.h"
#include "src/extract/tokens.h"

namespace annals::extract {

// One name as the story writes it.
struct RawMention {
  EntityType type = EntityType::kOrganization;
  uint32_t begin = 0;  // bytes of the name in Story::text
  uint32_t end = 0;
  std::string form;  // the name as written, spaces squeezed, possessive dropped
  // A body or document named under a parent ("NDA Joint Defence Council",
  // "Council of Harbour Ministers of the Organization"): the name without the
  // parent ("Joint Defence Council"), or "".
  std::string body;
  int parent = -1;           // index of the parent's RawMention in this story
  std::string parent_head;   // the parent is "the Organization": its head, lower case
  std::string anaphor_head;  // this mention is "the Secretariat": head, lower case
  std::string alt_form;      // another full form ("Council of the X" -> "X Council")
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
