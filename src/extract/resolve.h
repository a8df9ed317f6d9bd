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

#include <span>
#include <vector>

#include "annals/types.h"
#include "src/extract/gazetteer.h"
#include "src/extract/reader.h"
#include "src/extract/relate.h"

namespace annals::extract {

// `readings[i]` is ReadStory of the i-th story of `stories`; they are taken,
// and freed before the output is built. The texts are read again, a chunk at
// a time, for the second pass (and for split corrections); `threads` >= 1
// workers for the second pass. Errors: those of the source.
Result<Knowledge> Resolve(const StorySource& stories, std::vector<StoryReading> readings,
                          const Gazetteer& gazetteer, std::span<const Correction> corrections,
                          int threads);

}  // namespace annals::extract
