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

// Posts (offices held by one person). Matched longest first, case-insensitively.
const ViewMap<TitleKind>& Titles() {
  static const ViewMap<TitleKind> kTitles = [] {
    ViewMap<TitleKind> m;
    for (std::string_view p : {
             "president", "vice president", "vice-president", "federal president", "president-elect",
             "prime minister", "deputy prime minister", "first deputy prime minister", "premier",
             "minister", "deputy minister", "first deputy minister", "federal minister",
             "foreign minister", "defence minister", "defense minister", "interior minister",
             "finance minister", "justice minister", "economy minister", "health minister",
             "minister of foreign affairs", "minister for foreign affairs",
             "minister of defence", "minister of defense", "minister of the interior",
             "minister of internal affairs", "minister of justice", "minister of finance",
             "minister of emergency situations", "federal minister of the interior",
             "chancellor", "federal chancellor", "secretary general", "secretary-general",
             "deputy secretary general", "deputy secretary-general", "under-secretary-general",
             "assistant secretary-general", "general secretary", "executive secretary",
             "first secretary", "press secretary", "state secretary", "secretary of state",
             "secretary", "chairman", "chairwoman", "chairperson", "chair", "deputy chairman",
             "vice-chairman", "vice chairman", "co-chair", "co-chairman", "speaker",
             "deputy speaker", "chief", "deputy chief", "chief of staff", "head", "deputy head",
             "director", "director general", "director-general", "executive director",
             "deputy director", "commander", "deputy commander", "commander-in-chief",
             "ambassador", "ambassador extraordinary and plenipotentiary", "envoy",
             "special envoy", "special representative", "permanent representative",
             "high representative", "official representative", "representative", "spokesman",
             "spokeswoman", "spokesperson", "governor", "mayor", "king", "queen", "emperor",
             "emir", "sultan", "senator", "rapporteur", "coordinator", "adviser", "advisor",
             "counsellor", "consul", "consul general", "high commissioner", "commissioner",
             "ombudsman", "prosecutor general", "attorney general", "chief justice", "rector",
             "chief executive officer", "managing director", "head of state",
             "head of government"}) {
      m.emplace(p, TitleKind::kPost);
    }
    for (std::string_view r : {
             "general", "colonel general", "lieutenant general", "major general",
             "brigadier general", "army general", "general of the army", "colonel",
             "lieutenant colonel", "major", "captain", "lieutenant", "admiral", "vice admiral",
             "vice-admiral", "rear admiral", "rear-admiral", "marshal", "field marshal",
             "air marshal", "brigadier", "commodore", "sergeant", "police colonel",
             "police major general"}) {
      m.emplace(r, TitleKind::kRank);
    }
    for (std::string_view h : {"mr", "mrs", "ms", "dr", "prof", "professor", "sir", "madam",
                               "his excellency", "her excellency", "excellency", "hon",
                               "honourable", "honorable"}) {
      m.emplace(h, TitleKind::kHonorific);
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
  static const WordSet kHeads = {
      "organization", "organisation", "council", "committee",
      "commission", "assembly", "secretariat", "staff", "forces", "force", "agency", "ministry",
      "office", "mission", "group", "academy", "institute", "university", "school", "college",
      "centre", "center", "union", "alliance", "bank", "fund", "court", "tribunal", "parliament",
      "duma", "senate", "congress", "service", "services", "department", "directorate",
      "bureau", "corporation", "company", "association", "party", "front", "army", "navy",
      "corps", "troops", "command", "board", "authority", "administration", "government",
      "cabinet", "presidium", "commonwealth", "community", "partnership", "federation",
      "league", "movement", "foundation", "society", "network", "programme", "forum",
      "chamber", "guard", "police", "gendarmerie", "brigade", "battalion", "regiment",
      "division", "inspectorate", "observatory", "laboratory", "museum", "nations", "news",
      "times", "post", "gazette", "herald",
      "tribune", "telegraph", "journal", "radio", "television", "broadcasting", "courier",
      "daily", "weekly", "review", "monitor", "observer", "express", "media", "press"};
  return kHeads;
}

bool IsOrganizationHead(std::string_view w) { return In(OrganizationHeads(), w); }

bool IsPlaceHead(std::string_view w) {
  static const WordSet kHeads = {"region", "district", "oblast", "province", "krai", "county",
                                 "square", "street", "avenue", "headquarters"};
  return In(kHeads, w);
}

const WordSet& DocumentHeads() {
  static const WordSet kHeads = {
      "treaty", "charter", "declaration", "convention", "strategy", "agreement", "accord",
      "accords", "pact", "covenant", "protocol", "memorandum", "concept", "doctrine",
      "statute", "constitution", "policy", "roadmap", "communique", "communiqué", "manifesto",
      "plan", "program"};
  return kHeads;
}

bool IsDocumentHead(std::string_view w) {
  return In(DocumentHeads(), w) || IsNumberedDocumentHead(w);
}

const WordSet& NumberedDocumentHeads() {
  static const WordSet kHeads = {"resolution", "decision", "decree", "directive", "regulation"};
  return kHeads;
}

bool IsNumberedDocumentHead(std::string_view w) { return In(NumberedDocumentHeads(), w); }

bool IsGenericDescription(std::string_view adjective, std::string_view head) {
  static const WordSet kScopes = {"world", "international", "regional", "global",
                                  "intergovernmental", "universal", "multilateral", "national",
                                  "interstate", "transnational"};
  static const WordSet kHeads = {"organization", "organisation", "alliance", "union",
                                 "community", "body", "structure", "institution"};
  return In(kScopes, adjective) && In(kHeads, head);
}

const WordSet& EventNouns() {
  static const WordSet kNouns = {
      "session", "sessions", "meeting", "meetings", "summit", "conference", "debate", "visit",
      "talks", "ceremony", "anniversary", "celebration", "sitting", "plenary", "consultations",
      "briefing", "seminar", "workshop", "symposium", "roundtable", "round", "games",
      "championship", "festival", "year", "day", "week", "decade", "issues", "problems"};
  return kNouns;
}

bool IsEventNoun(std::string_view w) { return In(EventNouns(), w); }

const WordSet& MediaNouns() {
  static const WordSet kNouns = {"agency", "newspaper", "portal", "outlet", "magazine",
                                 "broadcaster", "website", "radio", "tv", "television",
                                 "channel", "daily", "weekly", "journal", "site"};
  return kNouns;
}

bool IsMediaNoun(std::string_view w) { return In(MediaNouns(), w); }

const WordSet& StopWords() {
  static const WordSet kStop = {
      "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "we",
      "they", "i", "you", "our", "their", "his", "her", "my", "your", "us", "them", "in", "on",
      "at", "for", "of", "and", "but", "or", "as", "by", "with", "from", "to", "during",
      "after", "before", "since", "until", "while", "when", "where", "which", "who", "whom",
      "whose", "what", "why", "how", "there", "here", "today", "yesterday", "tomorrow",
      "tonight", "dear", "also", "however", "thus", "therefore", "moreover", "furthermore",
      "meanwhile", "besides", "although", "though", "because", "if", "then", "so", "such",
      "all", "each", "every", "both", "either", "neither", "no", "not", "nor", "some", "any",
      "many", "much", "more", "most", "other", "another", "first", "second", "third",
      "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "next",
      "previous", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
      "ten", "following", "according", "thanks", "please", "yes", "let", "now", "only",
      "over", "under", "about", "against", "between", "among", "within", "without", "into",
      "upon", "via", "per", "ladies", "gentlemen", "colleagues", "friends", "distinguished",
      "welcome", "hello", "good", "best", "regards", "sincerely", "annex", "appendix",
      "note", "source", "photo", "download", "read", "see", "tel", "fax", "email", "e-mail"};
  return kStop;
}

bool IsStopWord(std::string_view w) { return In(StopWords(), w); }

const WordSet& CalendarWords() {
  static const WordSet kCal = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
      "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
      "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
      "fri", "sat"};
  return kCal;
}

bool IsCalendarWord(std::string_view w) { return In(CalendarWords(), w); }

const WordSet& Abbreviations() {
  static const WordSet kAbbr = {
      "st", "mt", "ft", "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt",
      "sgt", "adm", "no", "nos", "vol", "art", "para", "fig", "jr", "sr", "vs", "etc", "inc",
      "ltd", "co", "corp", "dept", "univ", "approx", "jan", "feb", "mar", "apr", "jun", "jul",
      "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "p", "pp", "cf", "hon", "rev"};
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
  static const WordSet kConn = {"of", "for", "on", "and", "in", "to", "the", "de", "del",
                                "della", "der", "des", "du", "la", "le", "van", "von", "&"};
  return kConn;
}

bool IsConnector(std::string_view w) { return In(Connectors(), w); }

const std::vector<std::string_view>& WorldRegions() {
  // Macro-regions of general English usage that are neither states nor UN
  // M.49 regions (those come from ICU), as an atlas index lists them.
  static const std::vector<std::string_view> kRegions = {
      "Middle East",   "Near East",      "Far East",       "Eurasia",      "Caucasus",
      "South Caucasus", "North Caucasus", "Transcaucasia", "Balkans",      "Western Balkans",
      "Scandinavia",   "Baltics",        "Levant",         "Maghreb",      "Sahel",
      "Horn of Africa", "Arctic",        "Antarctic",      "Indo-Pacific", "Asia-Pacific",
      "Mediterranean", "Persian Gulf",   "Central Europe", "Siberia",      "Patagonia",
      "Anatolia"};
  return kRegions;
}

namespace {
WordSet WordsOfTable(std::string_view name) {
  WordSet s;
  for (std::string_view w : text::LangWords("en", name)) s.emplace(w);
  return s;
}
}  // namespace

bool IsGivenName(std::string_view w) {
  static const WordSet kNames = WordsOfTable("entity_given_names");
  return In(kNames, w);
}

bool IsVenueNoun(std::string_view w) {
  static const WordSet kNouns = WordsOfTable("entity_venue_heads");
  return In(kNouns, w);
}

bool IsOperationNoun(std::string_view w) {
  return w == "operation" || w == "operations";
}

const WordSet& ExerciseNouns() {
  static const WordSet kNouns = {"exercise", "exercises", "training", "trainings", "drill",
                                 "drills", "maneuvers", "manoeuvres", "manoeuvre", "maneuver"};
  return kNouns;
}

bool IsExerciseNoun(std::string_view w) { return In(ExerciseNouns(), w); }

const WordSet& StateRoleNouns() {
  static const WordSet kNouns = {"side", "presidency", "chairmanship", "delegation",
                                 "government", "authorities", "leadership", "embassy",
                                 "parliament", "party"};
  return kNouns;
}

bool IsStateRoleNoun(std::string_view w) { return In(StateRoleNouns(), w); }

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
    for (std::string_view w :
         {"chairmanship", "presidency", "chairs", "chaired", "chair", "presides", "presided",
          "unites", "comprises", "includes", "united", "brings", "consists", "comprised",
          "members", "member", "states", "joined", "join", "acceded", "founded", "established",
          "created"}) {
      t[w] |= kFactCueWord;
    }
    t["operation"] |= kOperationNounWord;
    t["operations"] |= kOperationNounWord;
    return t;
  }();
  auto it = kTable.find(lower);
  return it == kTable.end() ? 0 : it->second;
}

std::string_view SpellingVariant(std::string_view w) {
  static const ViewMap<std::string_view> kVariants = {
      {"organisation", "organization"}, {"organisations", "organizations"},
      {"defence", "defense"},           {"centre", "center"},
      {"centres", "centers"},           {"programme", "program"},
      {"programmes", "programs"},       {"st", "saint"},
      {"labour", "labor"},              {"counselling", "counseling"}};
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
  for (std::string_view end : {"ed", "ing", "tion", "sion", "ment", "ness", "ity", "ance",
                               "ence", "ive", "ous", "ible", "able", "ally", "ship"}) {
    if (lower.ends_with(end)) return true;
  }
  return false;
}

}  // namespace annals::extract
