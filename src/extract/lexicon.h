// General English word lists the entity finder reads names with: titles and
// ranks, head words of bodies and documents, words that never start a name
// (determiners, pronouns, months, weekdays), and spelling variants folded
// together when names are compared. The lists are language data, the tables
// data/lang/en/entity_*.tsv (issue 21), each read once into a hashed set on
// first use. Nothing here names a particular
// organization, person or place; the data-driven names (states, cities) live
// in the gazetteer.
// Thread safety: all functions are reentrant; the tables are immutable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annals::extract {

// What a title phrase is: a post ("Secretary General"), a military or
// diplomatic rank ("Colonel General"), or an honorific ("Mr", "the
// distinguished"). Posts become holds_post facts; ranks and honorifics only
// announce that a person's name follows.
enum class TitleKind { kNone, kPost, kRank, kHonorific };

// Kind of the title phrase `folded` (lower case, words separated by single
// spaces, e.g. "secretary general"), or kNone.
TitleKind TitleKindOf(std::string_view folded);

// Longest number of words (counting "of", "and") in a title phrase.
int MaxTitleWords();
// True when `lower` is the first word of some title phrase.
bool IsTitleFirstWord(std::string_view lower);

// Head words (lower case, singular or plural as written) that make a name an
// organization ("council", "forces", "secretariat", "agency", ...).
bool IsOrganizationHead(std::string_view lower);
// Head words that make a capitalized name a place ("Region", "District",
// "Square", "Headquarters": "Linz Region", "Old Square", "NDA Headquarters").
bool IsPlaceHead(std::string_view lower);
// Head words of named documents ("treaty", "charter", "declaration", ...).
bool IsDocumentHead(std::string_view lower);
// Head words that need a number or a quoted title to name a document
// ("resolution", "decision"): "Resolution 12/34".
bool IsNumberedDocumentHead(std::string_view lower);
// Document heads that name a document only with a horizon after the name
// ("Plan of Basic Activities for 2024"; "the Plan of Measures to ..."
// describes one).
bool NeedsHorizon(std::string_view lower);
// Particles of names between two capitalized words ("de", "van", "von").
bool IsNameParticle(std::string_view lower);
// Verbs after a source's name ("reports", "wrote"): lower case.
bool IsReportingVerb(std::string_view lower);
// "World Organization", "International Organization", "Regional Alliance":
// a scope adjective before a generic head describes a kind of body even when
// capitalized; it names none. Both words lower case.
bool IsGenericDescription(std::string_view adjective, std::string_view head);

// The classes of a lower-case word, as a bit set of WordClass, in one
// lookup: what the predicates in this file say of it.
enum WordClass : uint32_t {
  kConnectorWord = 1,
  kStopWord = 2,
  kCalendarWord = 4,
  kOrganizationHeadWord = 8,
  kDocumentHeadWord = 16,
  kEventNounWord = 32,
  kMediaNounWord = 64,
  kAbbreviationWord = 128,
  kExerciseNounWord = 256,
  kOperationNounWord = 512,
  kStateRoleNounWord = 1024,
  kTitleFirstWord = 2048,
  kFactCueWord = 4096,  // may state a chairmanship or membership ("presidency", "unites")
};
uint32_t WordClasses(std::string_view lower);

// The roles of the words of the English fact grammar
// (data/lang/en/entity_fact_cues.tsv: a row's class, then its word).
enum FactWord : uint32_t {
  kChairNoun = 1u << 0,       // "chairmanship", "presidency"
  kChairVerb = 1u << 1,       // "chairs", "presided"
  kIncludeVerb = 1u << 2,     // "unites", "comprises"
  kMembersNoun = 1u << 3,     // "members"
  kMemberNoun = 1u << 4,      // "member"
  kMemberStates = 1u << 5,    // "states" after "member"
  kJoinVerb = 1u << 6,        // "joined", "acceded"
  kFoundVerb = 1u << 7,       // "founded", "established"
  kTakeVerb = 1u << 8,        // "took" (over the chairmanship)
  kYearNoun = 1u << 9,        // "year"
  kYearBefore = 1u << 10,     // "last", "previous"
  kYearSame = 1u << 11,       // "this", "current"
  kYearAfter = 1u << 12,      // "next", "coming"
  kStoryOrgNoun = 1u << 13,   // "the bloc" (includes ...)
  kStatePlural = 1u << 14,    // "countries" (after an include verb)
  kListGlue = 1u << 15,       // between the states of a list: "and", "as well as"
  kBeVerb = 1u << 16,         // "is", "became" (a member)
  kStateNoun = 1u << 17,      // "state", "republic"
  kOrgPreposition = 1u << 18, // "of", "in", "over" (the organization)
  kPlaceSuffix = 1u << 19,    // "province" after a lower-case name
  kLocative = 1u << 20,       // "in", "near" a place
  kHorizon = 1u << 21,        // "until" (2030): a document's horizon
};
// Every FactWord bit; those of the classes that announce a fact (their
// words are the kFactCueWord words).
inline constexpr uint32_t kAllFactWords = (kHorizon << 1) - 1;
inline constexpr uint32_t kFactCueClasses = kChairNoun | kChairVerb | kIncludeVerb |
                                            kMembersNoun | kMemberNoun | kMemberStates |
                                            kJoinVerb | kFoundVerb;
// The FactWord bit of a class name of the table ("chair_verb"); 0 for none.
uint32_t FactWordClass(std::string_view name);
// The FactWord bits of a lower-case word; 0 for none.
uint32_t FactWordClasses(std::string_view lower);

// Nouns of happenings ("session", "meeting", "summit") that end a name chain:
// "the Declaration of the Summit" names no organization.
bool IsEventNoun(std::string_view lower);
// Head words of media outlets' descriptors ("agency", "newspaper", "portal").
bool IsMediaNoun(std::string_view lower);

// Capitalized words that never begin or make up a name on their own:
// determiners, pronouns, prepositions, conjunctions, ordinals, salutations
// ("the", "on", "we", "first", "dear").
bool IsStopWord(std::string_view lower);
// Month and weekday names and their abbreviations.
bool IsCalendarWord(std::string_view lower);
// Abbreviations that end with a period inside a sentence ("st", "mr", "gen").
bool IsAbbreviation(std::string_view lower);
// Roman numerals up to 39 ("ii", "xxi"): all-caps, but not acronyms.
bool IsRomanNumeral(std::string_view lower);

// An all-capitals word that is an English word, not an acronym: one of the
// words above (a connector, a stop word, a month, a head word, an event or
// media noun: "OF", "MEETING", "JOURNAL") or a long word with an English
// ending ("STATEMENT", "APPROVED"). `lower`: the word in lower case.
bool IsWordInCapitals(std::string_view lower);

// Lower-case connector words allowed inside a name ("of", "for", "on", "and",
// "in", "to", "the", "de", ...).
bool IsConnector(std::string_view lower);

// World regions that are not states and that neither the state list nor the
// region names of ICU carry ("Balkans", "Levant", "Sahel").
const std::vector<std::string_view>& WorldRegions();

// Common given names (data/lang/en/entity_given_names.tsv): "alexander",
// "yuri". Lower case.
bool IsGivenName(std::string_view lower);

// Nouns of venues (data/lang/en/entity_venue_heads.tsv): a quoted name after
// one is a place ("Park Hotel \"X\"", "exhibition center \"Y\""). `lower`: one
// word or two, lower case, separated by one space.
bool IsVenueNoun(std::string_view lower);

// Nouns after which a quoted or capitalized name is an operation, an exercise.
bool IsOperationNoun(std::string_view lower);
bool IsExerciseNoun(std::string_view lower);

// Words after a state adjective that make it a mention of the state ("side",
// "presidency", "delegation", "government").
bool IsStateRoleNoun(std::string_view lower);

// The American spelling of a lower-case word where English has two
// ("organisation" -> "organization", "defence" -> "defense", "centre" ->
// "center", "programme" -> "program"), "st" -> "saint"; else the word itself.
std::string_view SpellingVariant(std::string_view lower);

// The folded key of a name for comparing spellings: the words of the name
// (tokens.h), each through AppendTokenKey, joined by single spaces; a
// possessive "'s" is appended as "s". "St. Gallen" and "Saint Gallen"
// have one key, so have "Co-operation" and "Cooperation". Input must be UTF-8.
std::string NameKey(std::string_view name);

// The initials an acronym of `name` may have: one letter per capitalized word
// (connectors skipped, acronyms inside kept whole), and one per part of
// hyphenated words ("Organisation for Economic Co-operation and Development" ->
// "OECD", "OECOD"). Upper case; empty when fewer than two letters.
std::vector<std::string> Initials(std::string_view name);

}  // namespace annals::extract
