// The archive JSON of shared/eval/SCHEMA.md: ArchiveData to and from
// nlohmann::json. Empty strings become null where SCHEMA.md allows null.
// Thread safety: reentrant.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "annals/result.h"
#include "annals/types.h"

namespace annals::query {

nlohmann::json StoryJson(const Story& s);
nlohmann::json EntityJson(const Entity& e);
nlohmann::json FactJson(const Fact& f);
nlohmann::json EventJson(const Event& e);

// The evidence of a fact or an event: the story it was read from, that
// story's page (its first source), and the sentence itself, cut from the
// story's text by the byte offsets [begin, end) (empty when they fall outside
// the text, or there is no story).
struct Evidence {
  std::string story, page, sentence;
};
Evidence EvidenceOf(const Story* story, uint32_t begin, uint32_t end);
// {"story", "page", "sentence"}, null where empty.
nlohmann::json EvidenceJson(const Evidence& e);
// Story id -> the story, for EvidenceOf.
std::unordered_map<std::string, const Story*> StoriesById(const std::vector<Story>& stories);

// {"stories": [...], "entities": [...], "facts": [...], "events": [...]}.
nlohmann::json ArchiveJson(const ArchiveData& data);

// Parses an archive JSON back (stories only need id, text, sources).
// Errors: kInvalidInput when it is not an object of the SCHEMA.md shape.
Result<ArchiveData> ParseArchiveJson(const std::string& json);

}  // namespace annals::query
