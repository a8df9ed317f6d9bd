// Rows of the archive's tables as the whole-archive reads (StoryStore::LoadAll
// and LoadHeads, story_store_serve.cc) decode them: one place for each.
#pragma once

#include "annals/types.h"

#include "src/store/sqlite_db.h"

#include <string>
#include <string_view>
#include <vector>

namespace annals::store {

// Lists (attachments, links, aliases, participants, story ids) are stored
// one item per line: none of them can contain a newline.
std::vector<std::string> SplitLines(std::string_view s);

// The columns FactOfRow reads, in its order.
inline constexpr const char* kFactColumns =
    "type, person, post, organization, country, year, date, story_id, sentence_begin, "
    "sentence_end";
Fact FactOfRow(const Stmt& q);

// The columns EventOfRow reads, in its order.
inline constexpr const char* kEventColumns =
    "id, type, date, date_end, place, participants, chair, stories, story_id, sentence_begin, "
    "sentence_end";
Event EventOfRow(const Stmt& q);

}  // namespace annals::store
