#include "src/extract/lexicon.h"

#include <algorithm>
#include <deque>
#include <string>

#include "src/common/string_map.h"
#include "src/extract/tokens.h"
#include "src/text/lang_data.h"

namespace annals::extract {
namespace {

using WordSet = ViewSet;

bool In(const WordSet& set, std::string_view w) { return set.count(w) != 0; }

TitleKind TitleKindOfName(std::string_view kind) {
  if (kind == "post") return TitleKind::kPost;
  if (kind == "rank") return TitleKind::kRank;
  if (kind == "honorific") return TitleKind::kHonorific;
  return TitleKind::kNone;
}

// The first column of every row of English table `name`, as a set.
WordSet WordsOfTable(std::string_view name) {
  WordSet s;
  for (std::string_view w : text::LangWords("en", name)) s.emplace(w);
  return s;
}

// The words of English table `name` whose second column is `value` ("" where
// the row has none), as a set.
WordSet WordsOfTable(std::string_view name, std::string_view value) {
  WordSet s;
  for (const text::LangRow& row : text::LangRows("en", name)) {
    if ((row.size() >= 2 ? row[1] : std::string_view()) == value) s.emplace(row[0]);
  }
  return s;
}

// Posts, ranks and honorifics (data/lang/en/entity_titles.tsv), by their
// lower-case words.
const ViewMap<TitleKind>& Titles() {
  static const ViewMap<TitleKind> kTitles = [] {
    ViewMap<TitleKind> m;
    for (const text::LangRow& row : text::LangRows("en", "entity_titles")) {
      const TitleKind kind = row.size() >= 2 ? TitleKindOfName(row[0]) : TitleKind::kNone;
      if (kind != TitleKind::kNone && !row[1].empty()) m.emplace(row[1], kind);
    }
    // Titles are written with hyphens or spaces alike ("Colonel-General",
    // "Assistant Secretary General"): both spellings of each (a deque keeps
    // the strings the views point to in place).
    static std::deque<std::string> variants;
    std::vector<std::pair<std::string_view, TitleKind>> base(m.begin(), m.end());
    for (const auto& [title, kind] : base) {
      std::string spaced(title), hyphened(title);
      std::replace(spaced.begin(), spaced.end(), '-', ' ');
      std::replace(hyphened.begin(), hyphened.end(), ' ', '-');
      for (std::string* v : {&spaced, &hyphened}) {
        if (m.contains(std::string_view(*v))) continue;
        variants.push_back(std::move(*v));
        m.emplace(std::string_view(variants.back()), kind);
      }
    }
    return m;
  }();
  return kTitles;
}

}  // namespace

TitleKind TitleKindOf(std::string_view folded) {
  auto it = Titles().find(folded);
  return it == Titles().end() ? TitleKind::kNone : it->second;
}

int MaxTitleWords() { return 5; }

bool IsTitleFirstWord(std::string_view lower) {
  static const WordSet kFirst = [] {
    WordSet s;
    for (const auto& [title, kind] : Titles()) {
      s.emplace(title.substr(0, title.find(' ')));
    }
    return s;
  }();
  return kFirst.count(lower) != 0;
}

const WordSet& OrganizationHeads() {
  static const WordSet kHeads = WordsOfTable("entity_body_heads");
  return kHeads;
}

bool IsOrganizationHead(std::string_view w) { return In(OrganizationHeads(), w); }

bool IsPlaceHead(std::string_view w) {
  static const WordSet kHeads = WordsOfTable("entity_place_heads");
  return In(kHeads, w);
}

const WordSet& DocumentHeads() {
  static const WordSet kHeads = [] {
    WordSet s = WordsOfTable("entity_document_heads", "");
    for (std::string_view w : WordsOfTable("entity_document_heads", "horizon")) s.emplace(w);
    return s;
  }();
  return kHeads;
}

bool IsDocumentHead(std::string_view w) {
  return In(DocumentHeads(), w) || IsNumberedDocumentHead(w);
}

const WordSet& NumberedDocumentHeads() {
  static const WordSet kHeads = WordsOfTable("entity_document_heads", "numbered");
  return kHeads;
}

bool IsNumberedDocumentHead(std::string_view w) { return In(NumberedDocumentHeads(), w); }

bool NeedsHorizon(std::string_view w) {
  static const WordSet kHeads = WordsOfTable("entity_document_heads", "horizon");
  return In(kHeads, w);
}

bool IsNameParticle(std::string_view w) {
  static const WordSet kParticles = WordsOfTable("entity_name_particles");
  return In(kParticles, w);
}

bool IsReportingVerb(std::string_view w) {
  static const WordSet kVerbs = WordsOfTable("entity_reporting_verbs");
  return In(kVerbs, w);
}

bool IsGenericDescription(std::string_view adjective, std::string_view head) {
  static const WordSet kScopes = WordsOfTable("entity_generic_descriptions", "scope");
  static const WordSet kHeads = WordsOfTable("entity_generic_descriptions", "head");
  return In(kScopes, adjective) && In(kHeads, head);
}

const WordSet& EventNouns() {
  static const WordSet kNouns = WordsOfTable("entity_event_nouns");
  return kNouns;
}

bool IsEventNoun(std::string_view w) { return In(EventNouns(), w); }

const WordSet& MediaNouns() {
  static const WordSet kNouns = WordsOfTable("entity_media_nouns");
  return kNouns;
}

bool IsMediaNoun(std::string_view w) { return In(MediaNouns(), w); }

const WordSet& StopWords() {
  static const WordSet kStop = WordsOfTable("entity_stop_words");
  return kStop;
}

bool IsStopWord(std::string_view w) { return In(StopWords(), w); }

// The month and weekday names of the date tables (full and abbreviated
// forms), with entity_calendar_words' additions and less its `not` rows.
const WordSet& CalendarWords() {
  static const WordSet kCal = [] {
    WordSet s;
    for (std::string_view table : {"date_months", "date_weekdays"}) {
      for (const text::LangRow& row : text::LangRows("en", table)) {
        if (row.size() >= 3 && (row[2] == "full" || row[2] == "abbreviation")) s.emplace(row[0]);
      }
    }
    for (const text::LangRow& row : text::LangRows("en", "entity_calendar_words")) {
      if (row.size() >= 2 && row[1] == "not") {
        s.erase(row[0]);
      } else {
        s.emplace(row[0]);
      }
    }
    return s;
  }();
  return kCal;
}

bool IsCalendarWord(std::string_view w) { return In(CalendarWords(), w); }

const WordSet& Abbreviations() {
  static const WordSet kAbbr = WordsOfTable("abbreviations");
  return kAbbr;
}

bool IsAbbreviation(std::string_view w) { return In(Abbreviations(), w); }

bool IsRomanNumeral(std::string_view w) {
  if (w.empty() || w.size() > 6) return false;
  static const WordSet kRoman = {
      "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xvi",
      "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi", "xxvii",
      "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv", "xxxv", "xxxvi", "xxxvii",
      "xxxviii", "xxxix"};
  return In(kRoman, w);
}

const WordSet& Connectors() {
  static const WordSet kConn = WordsOfTable("entity_connectors");
  return kConn;
}

bool IsConnector(std::string_view w) { return In(Connectors(), w); }

const std::vector<std::string_view>& WorldRegions() {
  // data/lang/en/entity_world_regions.tsv, in its order.
  static const std::vector<std::string_view> kRegions =
      text::LangWords("en", "entity_world_regions");
  return kRegions;
}

bool IsGivenName(std::string_view w) {
  static const WordSet kNames = WordsOfTable("entity_given_names");
  return In(kNames, w);
}

bool IsVenueNoun(std::string_view w) {
  static const WordSet kNouns = WordsOfTable("entity_venue_heads");
  return In(kNouns, w);
}

bool IsOperationNoun(std::string_view w) {
  static const WordSet kNouns = WordsOfTable("entity_operation_nouns");
  return In(kNouns, w);
}

const WordSet& ExerciseNouns() {
  static const WordSet kNouns = WordsOfTable("entity_exercise_nouns");
  return kNouns;
}

bool IsExerciseNoun(std::string_view w) { return In(ExerciseNouns(), w); }

const WordSet& StateRoleNouns() {
  static const WordSet kNouns = WordsOfTable("entity_state_role_nouns");
  return kNouns;
}

bool IsStateRoleNoun(std::string_view w) { return In(StateRoleNouns(), w); }

uint32_t FactWordClass(std::string_view name) {
  static const std::pair<std::string_view, FactWord> kClasses[] = {
      {"chair_noun", kChairNoun},           {"chair_verb", kChairVerb},
      {"include_verb", kIncludeVerb},       {"members_noun", kMembersNoun},
      {"member_noun", kMemberNoun},         {"member_states", kMemberStates},
      {"join_verb", kJoinVerb},             {"found_verb", kFoundVerb},
      {"take_verb", kTakeVerb},             {"year_noun", kYearNoun},
      {"year_before", kYearBefore},         {"year_same", kYearSame},
      {"year_after", kYearAfter},           {"story_org_noun", kStoryOrgNoun},
      {"state_plural", kStatePlural},       {"list_glue", kListGlue},
      {"be_verb", kBeVerb},                 {"state_noun", kStateNoun},
      {"org_preposition", kOrgPreposition}, {"place_suffix", kPlaceSuffix},
      {"locative", kLocative},              {"horizon", kHorizon}};
  for (const auto& [n, bit] : kClasses) {
    if (n == name) return bit;
  }
  return 0;
}

namespace {

// data/lang/en/entity_fact_cues.tsv: each word with the FactWord bits of its rows.
const ViewMap<uint32_t>& FactWords() {
  static const ViewMap<uint32_t> kWords = [] {
    ViewMap<uint32_t> m;
    for (const text::LangRow& row : text::LangRows("en", "entity_fact_cues")) {
      if (row.size() >= 2) m[row[1]] |= FactWordClass(row[0]);
    }
    return m;
  }();
  return kWords;
}

}  // namespace

uint32_t FactWordClasses(std::string_view lower) {
  auto it = FactWords().find(lower);
  return it == FactWords().end() ? 0 : it->second;
}

uint32_t WordClasses(std::string_view lower) {
  static const ViewMap<uint32_t> kTable = [] {
    ViewMap<uint32_t> t;
    const std::pair<const WordSet*, uint32_t> sets[] = {
        {&Connectors(), kConnectorWord},       {&StopWords(), kStopWord},
        {&CalendarWords(), kCalendarWord},     {&OrganizationHeads(), kOrganizationHeadWord},
        {&DocumentHeads(), kDocumentHeadWord}, {&NumberedDocumentHeads(), kDocumentHeadWord},
        {&EventNouns(), kEventNounWord},       {&MediaNouns(), kMediaNounWord},
        {&Abbreviations(), kAbbreviationWord}, {&ExerciseNouns(), kExerciseNounWord},
        {&StateRoleNouns(), kStateRoleNounWord}};
    for (const auto& [set, bit] : sets) {
      for (std::string_view w : *set) t[w] |= bit;
    }
    for (const auto& [title, kind] : Titles()) t[title.substr(0, title.find(' '))] |= kTitleFirstWord;
    for (const auto& [word, bits] : FactWords()) {
      if (bits & kFactCueClasses) t[word] |= kFactCueWord;
    }
    for (std::string_view w : text::LangWords("en", "entity_operation_nouns")) {
      t[w] |= kOperationNounWord;
    }
    return t;
  }();
  auto it = kTable.find(lower);
  return it == kTable.end() ? 0 : it->second;
}

std::string_view SpellingVariant(std::string_view w) {
  static const ViewMap<std::string_view> kVariants = [] {
    ViewMap<std::string_view> m;
    for (const text::LangRow& row : text::LangRows("en", "entity_spelling_variants")) {
      if (row.size() >= 2) m.emplace(row[0], row[1]);
    }
    return m;
  }();
  auto it = kVariants.find(w);
  return it == kVariants.end() ? w : it->second;
}

std::string NameKey(std::string_view name) {
  std::vector<Token> tokens;
  Tokenize(name, &tokens);
  std::string out;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPossessive) {
      if (!out.empty()) out += 's';
      continue;
    }
    if (t.kind == TokenKind::kPunct) continue;
    if (!out.empty()) out += ' ';
    AppendTokenKey(TokenText(name, t), &out);
  }
  return out;
}

std::vector<std::string> Initials(std::string_view name) {
  std::vector<Token> toks;
  Tokenize(name, &toks);
  std::string per_word, per_part;
  for (const Token& t : toks) {
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) continue;
    std::string_view w = TokenText(name, t);
    if (!t.Has(kCap)) {
      std::string lower;
      AppendLower(w, &lower);
      if (IsConnector(lower)) continue;
      if (t.kind != TokenKind::kNumber) continue;
    }
    if (t.Has(kAllCaps)) {
      // An acronym inside a name stands for its letters.
      for (char c : w) {
        if (c >= 'A' && c <= 'Z') {
          per_word += c;
          per_part += c;
        }
      }
      continue;
    }
    auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; };
    per_word += upper(w[0]);
    per_part += upper(w[0]);
    for (size_t i = 1; i + 1 < w.size(); ++i) {
      if (w[i] == '-' && w[i + 1] != '\0') per_part += upper(w[i + 1]);
    }
  }
  std::vector<std::string> out;
  if (per_word.size() >= 2) out.push_back(per_word);
  if (per_part != per_word && per_part.size() >= 2) out.push_back(per_part);
  return out;
}

}  // namespace annals::extract

namespace annals::extract {

bool IsWordInCapitals(std::string_view lower) {
  constexpr uint32_t kWords = kConnectorWord | kStopWord | kCalendarWord | kOrganizationHeadWord |
                              kDocumentHeadWord | kEventNounWord | kMediaNounWord;
  if (WordClasses(lower) & kWords) return true;
  // Acronyms are short; a word of seven letters or more with an English
  // ending is a word set in capitals ("STATEMENT", "APPROVED", "FOLLOWING").
  if (lower.size() < 7) return false;
  for (char c : lower) {
    if (c < 'a' || c > 'z') return false;
  }
  static const std::vector<std::string_view> kEndings =
      text::LangWords("en", "entity_capitals_endings");
  for (std::string_view end : kEndings) {
    if (lower.ends_with(end)) return true;
  }
  return false;
}

}  // namespace annals::extract
