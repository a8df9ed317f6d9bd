// The archive JSON of shared/eval/SCHEMA.md: ArchiveData to and from
// nlohmann::json. Empty strings become null where SCHEMA.md allows null.
// Thread safety: reentrant.
#pragma once

#include <nlohmann/json.hpp>

#include "annals/result.h"
#include "annals/types.h"

namespace annals::query {

nlohmann::json StoryJson(const Story& s);
nlohmann::json EntityJson(const Entity& e);
nlohmann::json FactJson(const Fact& f);
nlohmann::json EventJson(const Event& e);

// {"stories": [...], "entities": [...], "facts": [...], "events": [...]}.
nlohmann::json ArchiveJson(const ArchiveData& data);

// Parses an archive JSON back (stories only need id, text, sources).
// Errors: kInvalidInput when it is not an object of the SCHEMA.md shape.
Result<ArchiveData> ParseArchiveJson(const std::string& json);

}  // namespace annals::query
