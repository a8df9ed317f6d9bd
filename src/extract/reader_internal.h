// Internal to ReadStory (reader.h): the English reader of one story, split
// by what each part reads. reader.cc drives it a sentence at a time;
// reader_units.cc makes the units and chunks of a sentence;
// reader_names.cc reads the names in chunks and types them;
// reader_facts.cc reads the facts a sentence states (posts listed, chairs,
// members, aliases, places, horizons). Not for use outside these files.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "annals/types.h"
#include "src/common/text.h"
#include "src/extract/gazetteer.h"
#include "src/extract/lexicon.h"
#include "src/extract/reader.h"
#include "src/extract/tokens.h"

namespace annals::extract::reader_internal {


enum class UnitKind : uint8_t { kName, kGaz, kAdj, kTitle, kConn, kPoss, kBreak };

// A unit is one or more tokens read as one piece of a name: a capitalized
// word, a gazetteer name, a state adjective, a title, a connector.
struct Unit {
  UnitKind kind = UnitKind::kBreak;
  uint32_t tb = 0;  // tokens [tb, te)
  uint32_t te = 0;
  int gaz = -1;  // kGaz and kAdj: gazetteer entry
  TitleKind title = TitleKind::kNone;
  std::string lower;  // lower-case text (one-token units, connectors, titles)
  uint16_t flags = 0;  // flags of the first token
};

inline bool NameLike(const Unit& u) {
  return u.kind == UnitKind::kName || u.kind == UnitKind::kGaz || u.kind == UnitKind::kAdj ||
         u.kind == UnitKind::kTitle;
}

struct Post {
  std::string title;
  int org = -1;  // mention index
};

// What one chunk (a run of name units) turned out to say.
struct ChunkInfo {
  uint32_t ub = 0, ue = 0;  // units
  int person = -1;          // mention of the person it names
  std::vector<Post> posts;  // posts it states
  bool person_like = false; // untyped capitalized words that a context may make a name
  bool title_first = false; // begins with a post ("Chief of ...", "NDA Secretary General")
  int main = -1;            // its principal mention
  std::optional<EntityType> forced;  // type a context gives it (operation, exercise, organization)
  bool quoted = false;
  bool suppressed = false;  // a descriptor of the quoted name after it
};

inline int ParseYear(std::string_view s) {
  if (s.size() != 4) return 0;
  int y = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return y >= 1900 && y <= 2100 ? y : 0;
}

// A month or weekday, also in ranges ("May-June").
inline bool IsCalendarToken(std::string_view lower) {
  if (lower.find('-') == std::string_view::npos) return IsCalendarWord(lower);
  size_t start = 0;
  while (start <= lower.size()) {
    const size_t dash = lower.find('-', start);
    const std::string_view part =
        lower.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    if (IsCalendarWord(part)) return true;
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  return false;
}

inline bool IsOpenQuote(std::string_view p) {
  return p == "\"" || p == "\xE2\x80\x9C" || p == "\xE2\x80\x98" || p == "\xC2\xAB" ||
         p == "'" || p == "\xE2\x80\x9E";
}
inline bool IsCloseQuote(std::string_view p) {
  return p == "\"" || p == "\xE2\x80\x9D" || p == "\xE2\x80\x99" || p == "\xC2\xBB" ||
         p == "'" || p == "\xE2\x80\x9C";
}
inline bool IsDash(std::string_view p) {
  return p == "-" || p == "\xE2\x80\x93" || p == "\xE2\x80\x94" || p == ":";
}

class Reader {
 public:
  Reader(const Story& story, const Gazetteer& gaz, ReadScratch* scratch)
      : story_(story), gaz_(gaz), tokens_(scratch->tokens),
        sentences_(scratch->sentences) {}

  StoryReading Run();

 private:
  // Reads `text` (the title or the text); `place_bit` is or-ed into the
  // offsets of its mentions and facts.
  void ReadText(std::string_view text, uint32_t place_bit);

  // ---- tokens ----
  std::string_view Text(uint32_t k) const { return TokenText(text_, tokens_[k]); }
  bool Is(uint32_t k, std::string_view word) const {
    return k < tokens_.size() && text::EqualsIgnoreCase(Text(k), word);
  }
  // Whether token k is a word of the fact grammar in one of `classes`
  // (FactWord bits; data/lang/en/entity_fact_cues.tsv).
  bool IsFact(uint32_t k, uint32_t classes) const;
  std::string Lower(uint32_t k) const {
    std::string s;
    AppendLower(Text(k), &s);
    return s;
  }
  // Text of tokens [tb, te), spaces squeezed.
  std::string Span(uint32_t tb, uint32_t te) const {
    if (tb >= te) return {};
    return text::Squeeze(text_.substr(tokens_[tb].begin, tokens_[te - 1].end - tokens_[tb].begin));
  }

  // ---- units ----
  // Longest title phrase at token k; 0 when none.
  uint32_t MatchTitle(uint32_t k, uint32_t end, std::string_view first, TitleKind* kind,
                      std::string* folded) const;

  // Longest gazetteer name at token k; 0 when none.
  uint32_t MatchGazetteer(uint32_t k, uint32_t end, int* entry) const;

  void BuildUnits(const Sentence& s);

  // "Mr.", "I.V.": the period belongs to the unit.
  void AbsorbPeriod(Unit* u, uint32_t end) const {
    if (u->te < end && Text(u->te) == "." && !tokens_[u->te].Has(kSpaceBefore)) ++u->te;
  }

  // ---- chunks ----
  bool Joinable(uint32_t cb, uint32_t ce, uint32_t last, uint32_t next, bool has_prep,
                bool title_first) const;

  // The state at unit `state` follows "of (the)" after a capitalized word
  // of a name ("Union State of the Republic of A"), not after a post.
  bool StatesEndBody(uint32_t state) const;

  // Unit j is a comma that a list of capitalized plain words follows, each
  // after a comma, the last after "and" ("Sport, Youth Affairs and
  // Tourism").
  bool CommaList(uint32_t j) const;

  void BuildChunks();

  // ---- mentions ----
  int Emit(RawMention m, uint32_t tb, uint32_t te);

  int EmitGaz(const Unit& u);

  int EmitAdjective(const Unit& u) {
    const GazetteerEntry& e = gaz_.entry(u.gaz);
    RawMention m{.type = e.type, .form = e.name, .gazetteer = u.gaz};
    return Emit(std::move(m), u.tb, u.te);
  }

  uint32_t TokB(uint32_t ub) const { return units_[ub].tb; }
  uint32_t TokE(uint32_t ue) const { return units_[ue - 1].te; }

  bool IsAcronymUnit(const Unit& u) const;
  bool IsDottedUnit(const Unit& u) const {
    return u.kind == UnitKind::kName && tokens_[u.tb].Has(kDotted) && !tokens_[u.tb].Has(kInitials);
  }
  // "for 2024", "until 2030", "up to 2040" at token k.
  bool HorizonAfter(uint32_t k) const;

  // "(Collective Forces)" inside a body's name (BuildUnits).
  static bool IsParenthesisUnit(const Unit& u) {
    return u.kind == UnitKind::kName && !u.lower.empty() && u.lower[0] == '(';
  }
  // A word that can be part of a person's name.
  bool IsPersonWord(const Unit& u) const;
  // A word in capitals that may be a surname: letters only, with a vowel,
  // three or more, none of the lexicon's words.
  bool IsSurnameInCapitals(const Unit& u) const;

  bool PersonLike(uint32_t b, uint32_t e) const;

  int EmitPerson(uint32_t b, uint32_t e) {
    RawMention m{.type = EntityType::kPerson, .form = Span(TokB(b), TokE(e))};
    return Emit(std::move(m), TokB(b), TokE(e));
  }

  // The type a part of a name has by its shape, without emitting anything.
  // Returns false when untyped. *anaphor: a lone head word ("Organization").
  bool TypeOf(uint32_t b, uint32_t e, EntityType* type, bool* anaphor) const;

  // Emits the gazetteer names and acronyms inside units [b, e) that are not
  // the whole name.
  void EmitInner(uint32_t b, uint32_t e);

  // Reads units [b, e) as one name (or several); returns the principal mention or -1.
  int AnalyzeName(uint32_t b, uint32_t e, ChunkInfo* chunk, bool whole_chunk);

  // Parts of a name split at "of the" (AnalyzeName) whose second part is
  // capitalized words that name nothing by themselves: no state or place
  // from the gazetteer first, not a person, not a lone head word.
  bool whole_chunk_name_ok(const std::vector<std::pair<uint32_t, uint32_t>>& parts) const;

  // A name without "of the" chains.
  int AnalyzeSimple(uint32_t b, uint32_t e, ChunkInfo* chunk, bool whole_chunk);

  // Units [b, e) after the last title: the trailing words that name a person
  // ("... Slovak Republic Ivan Smith"); returns the first unit of the name, or e.
  uint32_t PersonTail(uint32_t b, uint32_t e) const;

  // Units [sb, ne) after a post begin with "of" or "for": when a portfolio
  // follows ("of Defense", "for Emergency Situations", "of Culture and
  // Trade", "of the Interior": capitalized words that name no body, state or
  // place) and then "of" and the post's owner, the unit of that "of"; else sb.
  uint32_t PortfolioEnd(uint32_t sb, uint32_t ne) const;

  // "Special Representative of the NDA Secretary General for Mediation":
  // a post of another post's holder is one post ("Special Representative of
  // the Secretary General for Mediation"), of the organization named
  // before the second title (else the one pending). Titles ti and ti + 1 of
  // chunk c; false, and nothing emitted, when they are not so joined.
  bool CompoundPost(ChunkInfo* c, size_t ti, const std::vector<uint32_t>& titles,
                    int* pending_org);

  void Interpret(ChunkInfo* c);

  // ---- sentence-level cues ----
  // Marks chunks that a context types: quoted names after "operations",
  // "exercise"; quoted names after a descriptor ("Organization ‘X’",
  // "newspaper “X”"); names before "news agency", "newspaper".
  void MarkContexts(const Sentence& s);

  // Tokens between two chunks, as lower-case words and marks.
  std::vector<std::string> Between(uint32_t te, uint32_t tb) const {
    std::vector<std::string> out;
    for (uint32_t k = te; k < tb && out.size() < 6; ++k) out.push_back(Lower(k));
    return out;
  }

  // "Chairman of A, President of B Ivan Smith", "the President of X, the
  // distinguished Ivan Smith", "Ivan Smith, the X Secretary General".
  void Appositions();

  // A post named once in the plural for a list of states, each with its
  // holder in parentheses: "the defense ministers of A (Lieutenant General
  // X), of B (Y), ...". The post is the singular ("Defense Minister"), of
  // each state.
  void ListedPosts(const Sentence& s, size_t first_mention);

  // The mentions whose first token lies in [tb, te), in order.
  std::vector<int> MentionsIn(size_t first_mention, uint32_t tb, uint32_t te) const;

  EntityType TypeOfMention(int m) const { return out_.mentions[static_cast<size_t>(m)].type; }
  uint32_t MB(int m) const { return mention_tokens_[static_cast<size_t>(m)].first; }
  uint32_t ME(int m) const { return mention_tokens_[static_cast<size_t>(m)].second; }

  // A four-digit year in the text before token k (the sentence's or the
  // story's), the latest written; 0 when none.
  int YearBefore(uint32_t k) const;

  int StoryYear() const {
    if (story_.date.size() >= 4) return ParseYear(std::string_view(story_.date).substr(0, 4));
    return 0;
  }

  // The year of a chairmanship stated near tokens [tb, te) of sentence s.
  int ChairYear(const Sentence& s, uint32_t trigger, uint32_t country_end) const;

  // The organization named right after token k ("in the NDA", "of the
  // Union"), or -1.
  int OrgAfter(const std::vector<int>& ms, uint32_t k, uint32_t end) const;

  void Chairs(const Sentence& s, size_t first_mention);

  void MemberOf(const Sentence& s, size_t first_mention);

  // The states of `list` (in text order) that end right before token k,
  // joined by commas and "and"; nearest first.
  std::vector<int> RunBefore(const std::vector<int>& list, uint32_t k) const;

  // "(ABC)" or "(X/REC/31/7)" after a name: an alias of it.
  void ParentheticAliases(const Sentence& s, size_t first_mention);

  // "in Linz": a lone capitalized word after "in" that nothing else types
  // is a place.
  void LocativePlaces(const Sentence& s);

  // "Verlansky district": capitalized words that nothing else types, then
  // a lower-case head of an administrative unit, are a place.
  void LowerCasePlaceHeads(const Sentence& s);

  // A document's horizon is part of its name: "Strategy ... until 2030",
  // "... for the period up to 2040".
  void DocumentHorizons(const Sentence& s, size_t first_mention);

  void ReadSentence(const Sentence& s);

  const Story& story_;
  std::string_view text_;  // the title or the text, as ReadText reads it
  uint32_t place_bit_ = 0;  // kInTitle while the title is read
  const Gazetteer& gaz_;
  std::vector<Token>& tokens_;
  std::vector<Sentence>& sentences_;
  std::vector<Unit> units_;
  std::string lower_buf_;
  // Acronyms the story spells out as common words ("military products
  // (MP)"): no organization's, wherever they stand.
  std::set<std::string> common_acronyms_;
  std::vector<uint8_t> cue_;  // per token: a word that may state a fact (kFactCueWord)
  bool triggers_ = false;  // the sentence has a word that may state a chair or members
  std::vector<ChunkInfo> chunks_;
  std::vector<std::pair<uint32_t, uint32_t>> mention_tokens_;
  StoryReading out_;
};

}  // namespace annals::extract::reader_internal
