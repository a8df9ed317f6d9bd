// Event words in a sentence: the nouns that name a happening ("meeting",
// "talks", "visit", "exercise", "operation", "statement", "interview",
// "speech", "decision", "anniversary", "ceremony"), the verbs that report one
// by themselves ("met with", "received", "visited", "adopted", "signed",
// "told ... correspondent") and the verbs that point at a noun ("took part
// in", "was held", "hosted", "spoke at", "completed"). The words are language
// data (data/lang/LANG/event_triggers.tsv): those in ASCII letters (English)
// with the checks in code that some need (their `condition` column), those
// of other scripts with their case endings.
// Thread safety: reentrant; the lexicon is immutable.
#pragma once

#include "annals/types.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace annals::events {

enum class TriggerKind {
  kNoun,     // names a happening: "meeting"
  kVerb,     // reports one by itself: "met with"
  kDefer,    // points at a noun: "took part in", "was held"
  kAnaphor,  // "event(s)": refers to a happening named before
};

struct Trigger {
  uint32_t begin = 0;  // byte span in the sentence (a verb's span covers "took part")
  uint32_t end = 0;
  TriggerKind kind = TriggerKind::kNoun;
  EventType type = EventType::kOther;
  bool has_type = false;        // false for a deferring verb with no type of its own ("held")
  bool past = false;            // a past-tense verb ("met", "took part", "held")
  bool passive = false;         // "was held", "took place": the noun comes before the verb
  bool completion = false;      // "completed", "ended": the date is the end of the happening
  bool participation = false;   // "took part", "attended", "was led by": adds participants
  bool determiner = false;      // a noun after "this", "that", "these", "those", "the said"
  bool definite = false;        // a noun after "the", "its", "their"
  bool circumstantial = false;  // a noun after "during", "at", "following", "after", "before"
  bool plural = false;          // "meetings"
  uint16_t lemma = 0;           // the same number for the forms of one word
  bool operator==(const Trigger&) const = default;
};

// The event words of `sentence`, in text order. Any bytes are safe.
std::vector<Trigger> FindTriggers(std::string_view sentence);

}  // namespace annals::events
