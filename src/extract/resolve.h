// Resolve: from what each story says (reader.h) to the archive's entities,
// mentions and facts. Joins the forms of one entity across stories:
//  - the same name in any case or spelling (lexicon.h NameKey);
//  - "Name (ABC)" and then "ABC" alone; an acronym and the one name of the
//    archive whose initials it is ("JDC" = "Joint Defence Council");
//  - names that are equal once their acronyms are spelled out ("NDA Harbour
//    Council" = "Northern Defence Alliance Harbour Council");
//  - a body under its parent and alone ("NDA Joint Staff", "Joint Staff",
//    "the Organization's Joint Staff") when the archive knows one such body;
//  - "Council of the X" and "X Council";
//  - a person's full name, initials and surname ("I.V. Smith", "I. Smith",
//    "Smith" = "Ivan Smith") when the archive has one such person;
//  - "the Organization", "the Secretariat" to the one entity of the story
//    (or else of the archive) whose name ends so, when only one does.
// Then finds the shorter forms again in every story (second pass), builds the
// facts, and applies the user's corrections in order.
// Thread safety: reentrant.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "annals/types.h"
#include "src/extract/gazetteer.h"
#include "src/extract/reader.h"
#include "src/extract/relate.h"

namespace annals::extract {

namespace resolve_internal {
class Resolver;
}  // namespace resolve_internal

// The id of the entity of this type and name: the hex of a hash of both.
std::string EntityId(EntityType type, const std::string& name);

// Resolve, fed the readings (ReadStory) a chunk at a time in story order:
// it keeps of each mention only what resolution needs (not its surface
// forms, which are counted as they come), and keeps that in a temporary
// file (common/record_log.h) read back by each step, so that the readings of
// a whole archive are not held in memory.
class Resolution {
 public:
  // `threads` >= 1 workers for the second pass over the texts.
  Resolution(const StorySource& stories, const Gazetteer& gazetteer, int threads);
  ~Resolution();
  Resolution(const Resolution&) = delete;
  Resolution& operator=(const Resolution&) = delete;

  // The readings of the next stories of `stories`, in order.
  void Add(std::vector<StoryReading> chunk);
  // Entities, mentions and facts, with `corrections` applied in order. Reads
  // the texts again, a chunk at a time, for the second pass (and for split
  // corrections). Call once, after every story's readings were added.
  // Errors: those of the source; kIo when the temporary file cannot be
  // written or read back (a full disk).
  // `park`: as RelateOptions::park.
  Result<Knowledge> Finish(std::span<const Correction> corrections, bool park);

 private:
  std::unique_ptr<resolve_internal::Resolver> r_;
};

}  // namespace annals::extract
