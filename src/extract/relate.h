// Relate: from the stories of an archive to its entities, mentions and facts
// (SCHEMA.md `entities`, `facts`). A pure function of the stories and the
// user's corrections; the pipeline reruns it over the whole archive after
// each ingest, so its output is a function of the archive alone.
// Corrections are found by any alias (case and punctuation folded); one that
// names no entity is skipped. Merge keeps A's name and type; split moves the
// alias and the mentions written so to a new entity; rename makes the old
// name an alias.
// Thread safety: Relate is reentrant; Gazetteer is immutable after Load.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "annals/result.h"
#include "annals/types.h"
#include "src/extract/gazetteer.h"

namespace annals::extract {

// A correction the user asked for, stored in the archive and reapplied on every run.
struct Correction {
  enum class Kind { kMerge, kSplit, kRename } kind = Kind::kMerge;
  std::string a;  // merge: entity kept (any alias); split/rename: the entity (any alias)
  std::string b;  // merge: entity folded into a; split: the alias split off; rename: new name
  bool operator==(const Correction&) const = default;
};

struct Knowledge {
  std::vector<Entity> entities;
  // By story, begin and end; `entity` indexes `entities`, `story` the
  // stories given to Relate.
  std::vector<MentionRef> mentions;
  std::vector<Fact> facts;
};

// k's mentions with the ids of their entities and stories (SCHEMA.md).
std::vector<Mention> MentionsWithIds(const Knowledge& k, std::span<const Story> stories);

struct RelateOptions {
  int threads = 0;  // 0: all cores
};

// Entities, mentions and facts of `stories`, with `corrections` applied in order.
// Loads the gazetteer (gazetteer.h) once per call.
// Errors: kIo / kCorrupt when packaged gazetteer data cannot be read.
Result<Knowledge> Relate(std::span<const Story> stories, std::span<const Correction> corrections,
                         const RelateOptions& options);

// The same with a gazetteer the caller loaded (and may reuse across calls).
// Never fails. Per-story reading runs on options.threads workers.
Knowledge Relate(std::span<const Story> stories, std::span<const Correction> corrections,
                 const RelateOptions& options, const Gazetteer& gazetteer);

}  // namespace annals::extract
