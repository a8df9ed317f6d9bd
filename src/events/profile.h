// The organization's profile (annals profile): the organization rebuilt from
// its own pages. From an archive's entities, mentions, facts and events:
// members (member_of facts), bodies (organizations whose names contain the
// organization's name or acronym, with their acronyms), office holders per
// post over time (holds_post facts), the chairing state per year (chairs
// facts), named forces, exercises per year, operations, documents and the
// latest events. Every line names the story it rests on.
// Thread safety: reentrant.
#pragma once

#include "annals/result.h"
#include "annals/types.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace annals::events {

struct ProfileLine {
  std::string group;     // a heading within the section: the post, the year; "" for none
  std::string text;      // what the line says
  std::string date;      // when ("YYYY[-MM[-DD]]", a range "A – B"), or ""
  std::string story_id;  // the story it rests on, or "" where none is known
  // The sentence it was read from, where a fact or an event gives one: its
  // story ("" for none) and byte offsets in that story's text.
  std::string sentence_story;
  uint32_t sentence_begin = 0, sentence_end = 0;
  bool operator==(const ProfileLine&) const = default;
};

struct ProfileSection {
  std::string title;  // "Members", "Bodies", "Office holders", "Chairmanship",
                      // "Forces", "Exercises", "Operations", "Documents", "Latest events"
  std::vector<ProfileLine> lines;
  // The same for every organization of the archive (exercises, operations,
  // documents, latest events): SharedSections gives these alone.
  bool shared = false;
};

struct OrganizationProfile {
  Entity organization;
  std::vector<ProfileSection> sections;  // in the order listed above; empty ones included
};

struct ProfileOptions {
  size_t latest_events = 10;  // how many of the latest events to list
  // false: the shared sections (ProfileSection::shared) are given with
  // their titles and no lines, for a caller that keeps them (SharedSections).
  bool shared_sections = true;
};

// What a profile reads of every story and mention, made once for an
// archive's data: each entity's stories and its earliest story (by date,
// then id). A server keeps one per snapshot, so that a profile request does
// not walk the archive's mentions again (8.6 M at 100,000 stories), and
// the facts (member_of, holds_post, chairs) by organization and the
// organizations' folded names, so that a profile reads its organization's
// facts, not all of them. It holds views into `data`, which must outlive it
// unchanged.
class ProfileIndex {
 public:
  explicit ProfileIndex(const ArchiveData& data);
  ~ProfileIndex();
  ProfileIndex(const ProfileIndex&) = delete;
  ProfileIndex& operator=(const ProfileIndex&) = delete;
  struct Tables;  // profile.cc
  const Tables& tables() const { return *tables_; }
  // The chairs facts with a year (not 0) whose organization is
  // `organization` as written or "" (none named): indexes in data.facts,
  // ascending. The server's chairing states per year read these.
  std::vector<uint32_t> ChairsOf(const std::string& organization) const;

 private:
  std::unique_ptr<const Tables> tables_;
};

// The profile of the organization `name` names (its name or an alias, after
// case folding; else the one organization whose name contains it).
// Errors: kNotFound when no organization matches; kInvalidInput when several
// match and none exactly (the message lists them).
Result<OrganizationProfile> BuildProfile(const ArchiveData& data, const std::string& name,
                                         const ProfileOptions& options);
// The same with `index` made of `data` (ProfileIndex(data)).
Result<OrganizationProfile> BuildProfile(const ArchiveData& data, const ProfileIndex& index,
                                         const std::string& name, const ProfileOptions& options);
// The shared sections of every profile, in their order, as BuildProfile
// gives them with `options` (shared_sections true).
std::vector<ProfileSection> SharedSections(const ArchiveData& data, const ProfileIndex& index,
                                           const ProfileOptions& options);

}  // namespace annals::events
