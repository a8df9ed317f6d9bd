// The Russian reader (issue 25): ReadStory's reading of a story in Russian.
// Thread safety: reentrant; one ReadScratch per thread.
#pragma once

#include "annals/types.h"
#include "src/extract/gazetteer.h"
#include "src/extract/reader.h"

namespace annals::extract {

// True when the story's text (its title when it has none) is Russian
// (text/lang_data.h DetectLanguage).
bool IsRussianStory(const Story& story);

// What a Russian story names and states: people (initials and surname,
// first name and surname, patronymics), bodies (head word and its genitive
// chain, an acronym after it as its parent), states and cities (gazetteer,
// inflected forms by stem), places with head words, exercises in «...», and
// holds_post facts with the post in the nominative. Never fails.
StoryReading ReadRussianStory(const Story& story, const Gazetteer& gazetteer, ReadScratch* scratch);

}  // namespace annals::extract
