// Names of the enums in annals/types.h and annals/result.h, as SCHEMA.md spells them,
// and of the entities a FactRef indexes.
#include <array>
#include <string>

#include "annals/result.h"
#include "annals/types.h"

namespace annals {
namespace {
constexpr std::array<const char*, 7> kEntityTypeNames = {
    "person", "organization", "country", "place", "exercise", "operation", "document"};
constexpr std::array<const char*, 10> kEventTypeNames = {
    "meeting", "visit",    "exercise", "operation",   "statement",
    "interview", "speech", "decision", "anniversary", "other"};
}  // namespace

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return "invalid input";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kIo: return "I/O error";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kDb: return "database error";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kFailedPrecondition: return "refused";
  }
  return "error";
}

const char* SourceRoleName(SourceRole role) {
  return role == SourceRole::kArticle ? "article" : "teaser";
}

Fact NamedFact(const FactRef& f, std::span<const Entity> entities, const std::string& story_id,
               const std::string& date) {
  auto name = [&](uint32_t e) { return e < entities.size() ? entities[e].name : std::string(); };
  return Fact{.type = f.type,
              .person = name(f.person),
              .post = f.post,
              .organization = name(f.organization),
              .country = name(f.country),
              .year = f.year,
              .date = date,
              .story_id = story_id,
              .sentence_begin = f.sentence_begin,
              .sentence_end = f.sentence_end};
}

const char* EntityTypeName(EntityType type) { return kEntityTypeNames[static_cast<size_t>(type)]; }

bool ParseEntityType(const std::string& name, EntityType* out) {
  for (size_t i = 0; i < kEntityTypeNames.size(); ++i) {
    if (name == kEntityTypeNames[i]) {
      *out = static_cast<EntityType>(i);
      return true;
    }
  }
  return false;
}

const char* FactTypeName(FactType type) {
  switch (type) {
    case FactType::kHoldsPost: return "holds_post";
    case FactType::kChairs: return "chairs";
    case FactType::kMemberOf: return "member_of";
  }
  return "holds_post";
}

const char* EventTypeName(EventType type) { return kEventTypeNames[static_cast<size_t>(type)]; }

bool ParseEventType(const std::string& name, EventType* out) {
  for (size_t i = 0; i < kEventTypeNames.size(); ++i) {
    if (name == kEventTypeNames[i]) {
      *out = static_cast<EventType>(i);
      return true;
    }
  }
  return false;
}

}  // namespace annals
