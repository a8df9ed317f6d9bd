// The owned value types that cross the public API, one per SCHEMA.md record
// (shared/eval/SCHEMA.md): Story, Entity, Fact, Event, plus Mention for
// provenance. Empty strings stand for JSON null.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace annals {

enum class SourceRole { kArticle, kTeaser };
const char* SourceRoleName(SourceRole role);  // "article" | "teaser"

// One sighting of a story: the page (file path or URL) and how it showed it.
struct Source {
  std::string page;
  SourceRole role = SourceRole::kTeaser;
  bool operator==(const Source&) const = default;
};

struct Story {
  std::string id;     // stable: derived from the first text the story was seen with
  std::string date;   // "YYYY-MM-DD" or "" when unknown
  std::string title;  // "" when the page gives none
  std::string text;   // paragraphs separated by "\n\n"
  std::vector<Source> sources;
  std::vector<std::string> attachments;
  std::vector<std::string> links;
  // The language of its title and text ("en", "ru"; "" when too short to
  // tell): text::DetectLanguage, set when the story is stored or extracted.
  std::string language;
  // Kept by dedup so that `date` does not depend on the order its sightings
  // came in (not shown): "" when `date` is the earliest date of its
  // sightings (those of its text have none, or none has one); else `date` is
  // the date of the sightings of its text, and this the earliest of all.
  std::string earliest_date;
  // Kept by dedup so that `title` does not depend on that order either (not
  // shown): "" when `title` is the greatest title of its sightings (those of
  // its text have none, or none has one); else `title` is the title of the
  // sightings of its text, and this the greatest title of all.
  std::string greatest_title;
  // Kept by dedup (not shown): the shape of each distinct sighting the story
  // took, its paragraphs' keys and word counts (key, words, key, words, ...),
  // sorted; so that whether a new sighting joins the story is decided
  // against each sighting, not against the text the story shows when it
  // comes (issue 24). Empty when not known: a story stored before schema 16,
  // or one that merged with such a story (dedup then decides as before).
  std::vector<std::vector<uint64_t>> shapes;
  bool operator==(const Story&) const = default;
};

enum class EntityType { kPerson, kOrganization, kCountry, kPlace, kExercise, kOperation, kDocument };
const char* EntityTypeName(EntityType type);  // "person", "organization", ...
// Parses a name as printed by EntityTypeName; false when unknown.
bool ParseEntityType(const std::string& name, EntityType* out);

struct Entity {
  std::string id;  // stable: derived from type and canonical name
  EntityType type = EntityType::kOrganization;
  std::string name;                  // canonical: the fullest form seen
  std::vector<std::string> aliases;  // every other surface form
  int mentions = 0;
  std::string first_seen;  // earliest story date that mentions it, or ""
  std::string last_seen;   // latest story date that mentions it, or ""
  bool operator==(const Entity&) const = default;
};

// One occurrence of an entity in a story's text: [begin, end) are byte
// offsets into Story::text; the sentence offsets bound the sentence around it.
struct Mention {
  std::string entity_id;
  std::string story_id;
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const Mention&) const = default;
};

// What is kept of a story while its text is read a chunk at a time (relate
// and events over a stored archive).
struct StoryHead {
  std::string id;
  std::string date;
  size_t text_size = 0;  // bytes of Story::text
  bool operator==(const StoryHead&) const = default;
};

// A Mention by index: `entity` into a list of entities, `story` into a list
// of stories, both given beside it. An archive has about 85 mentions a
// story; held as ids, their strings were most of the memory of relate.
struct MentionRef {
  uint32_t entity = 0;
  uint32_t story = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const MentionRef&) const = default;
};

enum class FactType { kHoldsPost, kChairs, kMemberOf };
const char* FactTypeName(FactType type);  // "holds_post" | "chairs" | "member_of"

struct Fact {
  FactType type = FactType::kHoldsPost;
  std::string person;        // holds_post: canonical person name
  std::string post;          // holds_post: the post without the organization
  std::string organization;  // canonical name, or "" (holds_post only)
  std::string country;       // chairs, member_of: canonical state name
  int year = 0;              // chairs
  std::string date;          // the story's date ("" if unknown)
  std::string story_id;      // the story it was read from
  uint32_t sentence_begin = 0;  // byte offsets of the sentence in Story::text
  uint32_t sentence_end = 0;
  bool operator==(const Fact&) const = default;
};

inline constexpr uint32_t kNoEntity = 0xFFFFFFFF;

// A Fact by index, as MentionRef: `person`, `organization` and `country`
// index a list of entities (kNoEntity: none), `story` a list of stories.
// An archive has about nine facts a story; held with their names, they were
// a fifth of the memory of relate.
struct FactRef {
  FactType type = FactType::kHoldsPost;
  uint32_t person = kNoEntity;
  uint32_t organization = kNoEntity;
  uint32_t country = kNoEntity;
  std::string post;
  int year = 0;
  uint32_t story = 0;
  uint32_t sentence_begin = 0;
  uint32_t sentence_end = 0;
  bool operator==(const FactRef&) const = default;
};

// The Fact `f` stands for: the names of its entities in `entities` ("" for
// kNoEntity or an index out of range), and its story's id and date.
Fact NamedFact(const FactRef& f, std::span<const Entity> entities, const std::string& story_id,
               const std::string& date);

enum class EventType {
  kMeeting, kVisit, kExercise, kOperation, kStatement, kInterview, kSpeech, kDecision,
  kAnniversary, kOther
};
const char* EventTypeName(EventType type);  // "meeting", "visit", ...
bool ParseEventType(const std::string& name, EventType* out);

struct Event {
  std::string id;  // stable: derived from date, type and first story
  EventType type = EventType::kOther;
  std::string date;      // "YYYY-MM-DD", "YYYY-MM" or "YYYY"
  std::string date_end;  // same forms, or ""
  std::string place;     // canonical entity name, or ""
  std::vector<std::string> participants;  // canonical entity names
  std::string chair;                      // canonical name, or ""
  std::vector<std::string> stories;       // ids of the stories that report it
  std::string story_id;                   // the story the sentence below is from
  uint32_t sentence_begin = 0;            // byte offsets in that story's text
  uint32_t sentence_end = 0;
  bool operator==(const Event&) const = default;
};

// The archive JSON of SCHEMA.md, in memory.
struct ArchiveData {
  std::vector<Story> stories;
  std::vector<Entity> entities;
  std::vector<Mention> mentions;
  std::vector<Fact> facts;
  std::vector<Event> events;
};

}  // namespace annals
