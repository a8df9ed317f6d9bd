#include "src/extract/reader.h"
#include "src/extract/reader_ru.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <unordered_set>

#include "src/common/text.h"
#include "src/extract/lexicon.h"

namespace annals::extract {
namespace {

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

bool NameLike(const Unit& u) {
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

int ParseYear(std::string_view s) {
  if (s.size() != 4) return 0;
  int y = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return y >= 1900 && y <= 2100 ? y : 0;
}

// A month or weekday, also in ranges ("May-June").
bool IsCalendarToken(std::string_view lower) {
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

bool IsOpenQuote(std::string_view p) {
  return p == "\"" || p == "\xE2\x80\x9C" || p == "\xE2\x80\x98" || p == "\xC2\xAB" ||
         p == "'" || p == "\xE2\x80\x9E";
}
bool IsCloseQuote(std::string_view p) {
  return p == "\"" || p == "\xE2\x80\x9D" || p == "\xE2\x80\x99" || p == "\xC2\xBB" ||
         p == "'" || p == "\xE2\x80\x9C";
}
bool IsDash(std::string_view p) {
  return p == "-" || p == "\xE2\x80\x93" || p == "\xE2\x80\x94" || p == ":";
}

class Reader {
 public:
  Reader(const Story& story, const Gazetteer& gaz, ReadScratch* scratch)
      : story_(story), gaz_(gaz), tokens_(scratch->tokens),
        sentences_(scratch->sentences) {}

  StoryReading Run() {
    if (!story_.title.empty()) {
      // The headline names what the story is about, often in full ("...
      // Secretary General X met ..."); its names count, but its facts wait
      // for the text, whose sentences are their evidence.
      ReadText(story_.title, kInTitle);
      out_.facts.clear();
    }
    ReadText(story_.text, 0);
    return std::move(out_);
  }

 private:
  // Reads `text` (the title or the text); `place_bit` is or-ed into the
  // offsets of its mentions and facts.
  void ReadText(std::string_view text, uint32_t place_bit) {
    text_ = text;
    place_bit_ = place_bit;
    Tokenize(text_, &tokens_);
    SplitSentences(text_, &tokens_, &sentences_);
    cue_.assign(tokens_.size(), 0);
    for (const Sentence& s : sentences_) ReadSentence(s);
  }

  // ---- tokens ----
  std::string_view Text(uint32_t k) const { return TokenText(text_, tokens_[k]); }
  bool Is(uint32_t k, std::string_view word) const {
    return k < tokens_.size() && text::EqualsIgnoreCase(Text(k), word);
  }
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
                      std::string* folded) const {
    const Token& t = tokens_[k];
    if (t.kind != TokenKind::kWord) return 0;
    if (!IsTitleFirstWord(first)) return 0;
    uint32_t best = 0;
    std::string cur;
    for (uint32_t len = 1; len <= static_cast<uint32_t>(MaxTitleWords()) && k + len <= end;
         ++len) {
      const Token& w = tokens_[k + len - 1];
      if (w.kind != TokenKind::kWord) break;
      if (len > 1) cur += ' ';
      AppendLower(Text(k + len - 1), &cur);
      TitleKind tk = TitleKindOf(cur);
      if (tk != TitleKind::kNone) {
        best = len;
        *kind = tk;
        *folded = cur;
      }
    }
    if (best == 0) return 0;
    // "General Staff", "Chief Directorate": the title word begins a body's name.
    const uint32_t next = k + best;
    if (next < end && tokens_[next].kind == TokenKind::kWord && tokens_[next].Has(kCap)) {
      std::string nl = Lower(next);
      if (IsOrganizationHead(nl) || IsDocumentHead(nl)) return 0;
    }
    if (!t.Has(kCap)) {
      // Lower-case ranks are adjectives ("general"); lower-case posts count
      // only before "of" or a capitalized word ("the head of the Mission").
      if (*kind != TitleKind::kPost) return 0;
      if (next >= end || !(Is(next, "of") || tokens_[next].Has(kCap))) return 0;
      // "the representative of A": someone sent by A, not an office.
      if (*folded == "representative") return 0;
    }
    return best;
  }

  // Longest gazetteer name at token k; 0 when none.
  uint32_t MatchGazetteer(uint32_t k, uint32_t end, int* entry) const {
    const Token& t = tokens_[k];
    if (!t.Has(kCap) && !t.Has(kAllCaps)) return 0;
    std::string key;
    if (t.Has(kAllCaps)) {
      key = "#";
      AppendTokenKey(Text(k), &key);
      const int e = gaz_.Find(key);
      if (e < 0) return 0;
      *entry = e;
      return 1;
    }
    AppendTokenKey(Text(k), &key);
    if (k + 1 < end && tokens_[k + 1].kind == TokenKind::kPossessive) key += 's';
    const size_t sp = key.find(' ');
    const int most = gaz_.MaxWordsFrom(std::string_view(key).substr(0, sp));
    if (most == 0) return 0;
    key.clear();
    uint32_t best = 0;
    int words = 0;
    uint32_t j = k;
    while (j < end && words < most + 2) {
      const Token& w = tokens_[j];
      if (w.kind == TokenKind::kPossessive) {
        key += 's';
      } else if (w.kind == TokenKind::kPunct) {
        // "St. Gallen": the period of an abbreviation inside a name.
        if (!(Text(j) == "." && j > k && !w.Has(kSpaceBefore) && IsAbbreviation(Lower(j - 1)))) {
          break;
        }
        ++j;
        continue;
      } else {
        if (j > k && w.Has(kNewlineBefore)) break;
        if (!key.empty()) key += ' ';
        AppendTokenKey(Text(j), &key);
        ++words;
      }
      ++j;
      if (w.kind == TokenKind::kWord && (w.Has(kCap) || w.Has(kAllCaps))) {
        const int e = gaz_.Find(key);
        if (e >= 0) {
          best = j - k;
          *entry = e;
        }
      }
    }
    return best;
  }

  void BuildUnits(const Sentence& s) {
    units_.clear();
    triggers_ = false;
    uint32_t k = s.first_token;
    while (k < s.end_token) {
      const Token& t = tokens_[k];
      Unit u;
      u.tb = k;
      u.flags = t.flags;
      if (t.kind == TokenKind::kWord) {
        TitleKind tk = TitleKind::kNone;
        std::string folded;
        int entry = -1;
        // Lower-case words are looked up as written; others once lowered.
        std::string_view lower = Text(k);
        if (!t.Has(kLower)) {
          lower_buf_.clear();
          AppendLower(lower, &lower_buf_);
          lower = lower_buf_;
        }
        const uint32_t cls = WordClasses(lower);
        if (cls & kFactCueWord) {
          triggers_ = true;
          cue_[k] = 1;
        }
        const bool cap = t.Has(kCap) || t.Has(kAllCaps);
        // "Development of a Concept of ...": the article after a
        // preposition inside a name.
        if (lower == "a" && !units_.empty() && units_.back().kind == UnitKind::kConn &&
            (units_.back().lower == "of" || units_.back().lower == "on" ||
             units_.back().lower == "for") &&
            k + 1 < s.end_token && tokens_[k + 1].Has(kCap)) {
          u.kind = UnitKind::kConn;
          u.lower = "a";
          u.te = k + 1;
          k = u.te;
          units_.push_back(std::move(u));
          continue;
        }
        if (!cap && (cls & (kConnectorWord | kTitleFirstWord)) == 0) {
          u.kind = UnitKind::kBreak;
          u.te = k + 1;
          k = u.te;
          units_.push_back(std::move(u));
          continue;
        }
        const uint32_t tl =
            (cls & kTitleFirstWord) ? MatchTitle(k, s.end_token, lower, &tk, &folded) : 0;
        const uint32_t gl = cap ? MatchGazetteer(k, s.end_token, &entry) : 0;
        if (gl > 0 && gl >= tl) {
          u.kind = UnitKind::kGaz;
          u.gaz = entry;
          u.te = k + gl;
        } else if (tl > 0) {
          u.kind = UnitKind::kTitle;
          u.title = tk;
          u.lower = folded;
          u.te = k + tl;
          AbsorbPeriod(&u, s.end_token);
        } else {
          u.lower = lower;
          u.te = k + 1;
          if (t.Has(kCap) || t.Has(kAllCaps)) {
            const bool initial = t.Has(kInitials) && k + 1 < s.end_token && Text(k + 1) == ".";
            if (!initial &&
                (IsCalendarToken(u.lower) || ((cls & kStopWord) && !t.Has(kAllCaps)) ||
                 (t.Has(kAllCaps) && IsWordInCapitals(u.lower)))) {
              u.kind = UnitKind::kBreak;
            } else if (!t.Has(kAllCaps) && (u.gaz = gaz_.FindAdjective(u.lower)) >= 0) {
              u.kind = UnitKind::kAdj;
            } else {
              u.kind = UnitKind::kName;
              if (t.Has(kInitials) || IsAbbreviation(u.lower)) AbsorbPeriod(&u, s.end_token);
            }
          } else if (cls & kConnectorWord) {
            u.kind = UnitKind::kConn;
          } else {
            u.kind = UnitKind::kBreak;
          }
        }
      } else if (t.kind == TokenKind::kNumber) {
        u.te = k + 1;
        u.lower = std::string(Text(k));
        // "Resolution 12/34": a number right after a numbered document's head.
        u.kind = !units_.empty() && units_.back().kind == UnitKind::kName &&
                         IsNumberedDocumentHead(units_.back().lower)
                     ? UnitKind::kName
                     : UnitKind::kBreak;
      } else if (t.kind == TokenKind::kPossessive) {
        u.kind = UnitKind::kPoss;
        u.te = k + 1;
        u.lower = "'s";
      } else {
        u.te = k + 1;
        u.lower = std::string(Text(k));
        u.kind = u.lower == "&" ? UnitKind::kConn : UnitKind::kBreak;
      }
      k = u.te;
      units_.push_back(std::move(u));
    }
    // "military products (MP)": an acronym of lower-case words.
    for (size_t i = 2; i + 1 < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (u.kind != UnitKind::kName || u.te != u.tb + 1 || !tokens_[u.tb].Has(kAllCaps) ||
          units_[i - 1].lower != "(" || units_[i + 1].lower != ")") {
        continue;
      }
      const uint32_t w = units_[i - 1].tb;
      if (w == 0 || tokens_[w - 1].kind != TokenKind::kWord || !tokens_[w - 1].Has(kLower)) {
        continue;
      }
      const std::string before = Lower(w - 1);
      if (IsOrganizationHead(before) || IsMediaNoun(before) || IsConnector(before)) continue;
      common_acronyms_.insert(u.lower);
    }
    // "Forces (Joint Forces) Supply Department": another name of a
    // body in parentheses right after its head is part of the name, one
    // unit (its lower-case text begins with "(").
    for (size_t i = 1; i + 2 < units_.size(); ++i) {
      if (units_[i].kind != UnitKind::kBreak || units_[i].lower != "(") continue;
      const Unit& before = units_[i - 1];
      if (before.kind != UnitKind::kName || !IsOrganizationHead(before.lower)) continue;
      size_t j = i + 1;
      while (j < units_.size() && j < i + 5 && units_[j].kind == UnitKind::kName &&
             tokens_[units_[j].tb].Has(kCap) && !tokens_[units_[j].tb].Has(kAllCaps)) {
        ++j;
      }
      if (j == i + 1 || j >= units_.size() || units_[j].lower != ")" ||
          !IsOrganizationHead(units_[j - 1].lower)) {
        continue;
      }
      Unit merged;
      merged.kind = UnitKind::kName;
      merged.tb = units_[i].tb;
      merged.te = units_[j].te;
      merged.flags = units_[i].flags;
      AppendLower(text_.substr(tokens_[merged.tb].begin,
                               tokens_[merged.te - 1].end - tokens_[merged.tb].begin),
                  &merged.lower);
      units_[i] = std::move(merged);
      units_.erase(units_.begin() + static_cast<long>(i) + 1,
                   units_.begin() + static_cast<long>(j) + 1);
    }
    // A one-word place next to another capitalized word is part of that
    // name ("Victoria Petrova", "Maria Lopez", "Florence Hardy", "Paris Club").
    auto one_word_place = [&](const Unit& u) {
      return u.kind == UnitKind::kGaz && u.te == u.tb + 1 &&
             gaz_.entry(u.gaz).type == EntityType::kPlace;
    };
    auto plain_word = [&](const Unit& u) {
      return (u.kind == UnitKind::kName && !tokens_[u.tb].Has(kAllCaps)) || one_word_place(u);
    };
    std::vector<uint8_t> demote(units_.size(), 0);
    for (size_t i = 0; i < units_.size(); ++i) {
      if (!one_word_place(units_[i])) continue;
      if ((i + 1 < units_.size() && plain_word(units_[i + 1])) ||
          (i > 0 && units_[i - 1].kind == UnitKind::kName && !tokens_[units_[i - 1].tb].Has(kAllCaps) &&
           !tokens_[units_[i - 1].tb].Has(kSentenceStart))) {
        demote[i] = 1;
      }
    }
    for (size_t i = 0; i < units_.size(); ++i) {
      if (!demote[i]) continue;
      units_[i].kind = UnitKind::kName;
      units_[i].gaz = -1;
      units_[i].lower = Lower(units_[i].tb);
    }
  }

  // "Mr.", "I.V.": the period belongs to the unit.
  void AbsorbPeriod(Unit* u, uint32_t end) const {
    if (u->te < end && Text(u->te) == "." && !tokens_[u->te].Has(kSpaceBefore)) ++u->te;
  }

  // ---- chunks ----
  bool Joinable(uint32_t cb, uint32_t ce, uint32_t last, uint32_t next, bool has_prep,
                bool title_first) const {
    std::string conn;
    for (uint32_t c = cb; c < ce; ++c) {
      if (!conn.empty()) conn += ' ';
      conn += units_[c].lower;
    }
    const Unit& l = units_[last];
    const Unit& n = units_[next];
    if (conn == "'s") return n.kind == UnitKind::kName || n.kind == UnitKind::kGaz;
    // "... of a Concept", "... for Countering the Illegal Migration": inside a
    // name after a preposition.
    if (conn == "of a" || conn == "on a" || conn == "for a") {
      return has_prep && n.kind == UnitKind::kName;
    }
    if (conn == "the") {
      return has_prep && l.kind == UnitKind::kName && l.lower.size() > 5 &&
             l.lower.ends_with("ing") && n.kind == UnitKind::kName;
    }
    if (conn == "of" || conn == "of the" || conn == "for" || conn == "for the" || conn == "on" ||
        conn == "on the") {
      return true;
    }
    if (conn == "and") {
      const bool country = l.kind == UnitKind::kGaz &&
                           gaz_.entry(l.gaz).type == EntityType::kCountry;
      // "Institute of Japan and Pacific Studies": a name of two plain words
      // after a state goes on the name, not another state.
      const bool words_after = next + 1 < units_.size() && n.kind == UnitKind::kName &&
                               units_[next + 1].kind == UnitKind::kName && IsPersonWord(n) &&
                               IsPersonWord(units_[next + 1]);
      // "Assembly of the Union State of A and B": two states end the name.
      const bool states_end = country && n.kind == UnitKind::kGaz &&
                              gaz_.entry(n.gaz).type == EntityType::kCountry &&
                              (next + 1 >= units_.size() ||
                               units_[next + 1].kind == UnitKind::kBreak) &&
                              StatesEndBody(last);
      return has_prep && (!country || words_after || states_end) && n.kind != UnitKind::kTitle;
    }
    if (conn == "in") {
      // "Mission in Somalia", "Research in Medicine", "Assistance in
      // Disasters"; never a city ("the Centre in Novi Sad" is two names).
      if (n.kind == UnitKind::kName) return has_prep;
      if (n.kind != UnitKind::kGaz) return false;
      const GazetteerEntry& g = gaz_.entry(n.gaz);
      const bool wide = g.type == EntityType::kCountry || g.code.rfind("m49:", 0) == 0 ||
                        g.code.rfind("region:", 0) == 0;
      return wide && (has_prep || IsOrganizationHead(l.lower));
    }
    if (conn == "to" || conn == "to the") return title_first;
    if (conn == "&") return true;
    if (IsNameParticle(conn)) return n.kind == UnitKind::kName && l.kind == UnitKind::kName;
    return false;
  }

  // The state at unit `state` follows "of (the)" after a capitalized word
  // of a name ("Union State of the Republic of A"), not after a post.
  bool StatesEndBody(uint32_t state) const {
    uint32_t k = state;
    while (k > 0 && units_[k - 1].kind == UnitKind::kConn) --k;
    if (k == state || k == 0 || units_[k].lower != "of") return false;
    return units_[k - 1].kind == UnitKind::kName;
  }

  // Unit j is a comma that a list of capitalized plain words follows, each
  // after a comma, the last after "and" ("Sport, Youth Affairs and
  // Tourism").
  bool CommaList(uint32_t j) const {
    const auto n = static_cast<uint32_t>(units_.size());
    if (j >= n || units_[j].kind != UnitKind::kBreak || units_[j].lower != ",") return false;
    uint32_t k = j + 1;
    for (int items = 0; items < 6; ++items) {
      const uint32_t start = k;
      while (k < n && units_[k].kind == UnitKind::kName && IsPersonWord(units_[k])) ++k;
      if (k == start || k >= n) return false;
      if (units_[k].kind == UnitKind::kConn && units_[k].lower == "and") {
        return k + 1 < n && units_[k + 1].kind == UnitKind::kName && IsPersonWord(units_[k + 1]);
      }
      if (units_[k].kind != UnitKind::kBreak || units_[k].lower != ",") return false;
      ++k;
    }
    return false;
  }

  void BuildChunks() {
    chunks_.clear();
    const auto n = static_cast<uint32_t>(units_.size());
    for (uint32_t i = 0; i < n; ++i) {
      if (!NameLike(units_[i])) continue;
      ChunkInfo c;
      c.ub = i;
      bool has_prep = false;
      const bool title_first = units_[i].kind == UnitKind::kTitle;
      uint32_t last = i;
      uint32_t j = i + 1;
      while (j < n) {
        if (NameLike(units_[j])) {
          last = j++;
          continue;
        }
        // "Ministry of Sport, Youth Affairs and Tourism of A": after a
        // preposition, a list of plain words closed by "and" goes on the name.
        if (has_prep && CommaList(j)) {
          last = j + 1;
          j += 2;
          continue;
        }
        uint32_t c_end = j;
        while (c_end < n && c_end - j < 2 &&
               (units_[c_end].kind == UnitKind::kConn || units_[c_end].kind == UnitKind::kPoss)) {
          ++c_end;
        }
        if (c_end == j || c_end >= n || !NameLike(units_[c_end])) break;
        if (!Joinable(j, c_end, last, c_end, has_prep, title_first)) break;
        const std::string& first_conn = units_[j].lower;
        if (first_conn == "of" || first_conn == "for" || first_conn == "on") has_prep = true;
        last = c_end;
        j = c_end + 1;
      }
      c.ue = last + 1;
      chunks_.push_back(c);
      i = last;
    }
  }

  // ---- mentions ----
  int Emit(RawMention m, uint32_t tb, uint32_t te) {
    m.begin = tokens_[tb].begin | place_bit_;
    m.end = tokens_[te - 1].end | place_bit_;
    out_.mentions.push_back(std::move(m));
    mention_tokens_.push_back({tb, te});
    return static_cast<int>(out_.mentions.size()) - 1;
  }

  int EmitGaz(const Unit& u) {
    const GazetteerEntry& e = gaz_.entry(u.gaz);
    RawMention m{.type = e.type, .form = Span(u.tb, u.te), .gazetteer = u.gaz};
    m.acronym = IsAcronymName(m.form);
    return Emit(std::move(m), u.tb, u.te);
  }

  int EmitAdjective(const Unit& u) {
    const GazetteerEntry& e = gaz_.entry(u.gaz);
    RawMention m{.type = e.type, .form = e.name, .gazetteer = u.gaz};
    return Emit(std::move(m), u.tb, u.te);
  }

  uint32_t TokB(uint32_t ub) const { return units_[ub].tb; }
  uint32_t TokE(uint32_t ue) const { return units_[ue - 1].te; }

  bool IsAcronymUnit(const Unit& u) const {
    if (!(u.kind == UnitKind::kName && u.te == u.tb + 1 && tokens_[u.tb].Has(kAllCaps) &&
          !IsRomanNumeral(u.lower) && u.lower.size() <= 12)) {
      return false;
    }
    // Not in an English text: Cyrillic capitals ("ХХ" for XX), a file name
    // ("ABC_1234.JPG"), a code with a number ("COVID-19", "S-400").
    for (char ch : u.lower) {
      if (static_cast<unsigned char>(ch) >= 0x80) return false;
    }
    const Token& t = tokens_[u.tb];
    if (t.end < text_.size() && text_[t.end] == '_') return false;
    if (t.begin > 0 && text_[t.begin - 1] == '_') return false;
    const size_t dash = u.lower.find('-');
    if (dash != std::string::npos && dash + 1 < u.lower.size() && u.lower[dash + 1] >= '0' &&
        u.lower[dash + 1] <= '9' && !t.Has(kYearSuffix)) {
      return false;
    }
    return !common_acronyms_.contains(u.lower);
  }
  bool IsDottedUnit(const Unit& u) const {
    return u.kind == UnitKind::kName && tokens_[u.tb].Has(kDotted) && !tokens_[u.tb].Has(kInitials);
  }
  // "for 2024", "until 2030", "up to 2040" at token k.
  bool HorizonAfter(uint32_t k) const {
    if (k + 1 < tokens_.size() && (Is(k, "for") || Is(k, "until") || Is(k, "till"))) {
      return ParseYear(Text(k + 1)) != 0;
    }
    return k + 2 < tokens_.size() && Is(k, "up") && Is(k + 1, "to") && ParseYear(Text(k + 2)) != 0;
  }

  // "(Collective Forces)" inside a body's name (BuildUnits).
  static bool IsParenthesisUnit(const Unit& u) {
    return u.kind == UnitKind::kName && !u.lower.empty() && u.lower[0] == '(';
  }
  // A word that can be part of a person's name.
  bool IsPersonWord(const Unit& u) const {
    if (u.kind != UnitKind::kName) return false;
    const Token& t = tokens_[u.tb];
    if (t.Has(kInitials)) return true;
    if (!t.Has(kCap) || t.Has(kAllCaps) || t.Has(kDotted) || t.Has(kYearSuffix)) return false;
    if (t.kind != TokenKind::kWord) return false;
    return !(IsOrganizationHead(u.lower) || IsDocumentHead(u.lower) || IsEventNoun(u.lower) || IsPlaceHead(u.lower) ||
             IsStopWord(u.lower) || IsOperationNoun(u.lower) || IsExerciseNoun(u.lower));
  }
  // A word in capitals that may be a surname: letters only, with a vowel,
  // three or more, none of the lexicon's words.
  bool IsSurnameInCapitals(const Unit& u) const {
    if (u.kind != UnitKind::kName || u.te != u.tb + 1 || !tokens_[u.tb].Has(kAllCaps)) return false;
    if (u.lower.size() < 3 || IsRomanNumeral(u.lower) || IsWordInCapitals(u.lower)) return false;
    bool vowel = false;
    for (char c : u.lower) {
      if (c < 'a' || c > 'z') return false;
      vowel = vowel || std::string_view("aeiouy").find(c) != std::string_view::npos;
    }
    return vowel;
  }

  bool PersonLike(uint32_t b, uint32_t e) const {
    if (b >= e || e - b > 4) return false;
    bool initials_seen = false;
    for (uint32_t i = b; i < e; ++i) {
      // "Ivan SMITH": a surname in capitals after a given name.
      if (i + 1 == e && i > b && !initials_seen && IsSurnameInCapitals(units_[i])) return true;
      if (!IsPersonWord(units_[i])) return false;
      const bool ini = tokens_[units_[i].tb].Has(kInitials);
      if (ini && i + 1 == e) return false;  // the surname comes last
      if (!ini && initials_seen && i + 1 != e) return false;
      initials_seen = initials_seen || ini;
    }
    return true;
  }

  int EmitPerson(uint32_t b, uint32_t e) {
    RawMention m{.type = EntityType::kPerson, .form = Span(TokB(b), TokE(e))};
    return Emit(std::move(m), TokB(b), TokE(e));
  }

  // The type a part of a name has by its shape, without emitting anything.
  // Returns false when untyped. *anaphor: a lone head word ("Organization").
  bool TypeOf(uint32_t b, uint32_t e, EntityType* type, bool* anaphor) const {
    *anaphor = false;
    if (b >= e) return false;
    if (e - b == 1) {
      const Unit& u = units_[b];
      if (u.kind == UnitKind::kGaz) {
        *type = gaz_.entry(u.gaz).type;
        return true;
      }
      if (IsAcronymUnit(u) || IsDottedUnit(u)) {
        *type = EntityType::kOrganization;
        return true;
      }
      if (u.kind == UnitKind::kName && IsOrganizationHead(u.lower)) {
        *type = EntityType::kOrganization;
        *anaphor = true;
        return true;
      }
      if (u.kind == UnitKind::kName && IsDocumentHead(u.lower) &&
          !IsNumberedDocumentHead(u.lower)) {
        *type = EntityType::kDocument;
        *anaphor = true;
        return true;
      }
    }
    if (tokens_[units_[e - 1].tb].Has(kYearSuffix) && units_[e - 1].kind == UnitKind::kName) {
      *type = EntityType::kExercise;
      return true;
    }
    // The head: the last word before the first bare connector ("and" joins
    // the words before a head: "Technical and Legal Department").
    uint32_t head = b;
    for (uint32_t i = b; i < e; ++i) {
      if (units_[i].kind == UnitKind::kConn && (units_[i].lower == "and" || units_[i].lower == "&") &&
          i + 1 < e && units_[i + 1].kind == UnitKind::kName) {
        continue;
      }
      if (units_[i].kind == UnitKind::kConn || units_[i].kind == UnitKind::kPoss) break;
      if (IsParenthesisUnit(units_[i])) continue;
      head = i;
    }
    // "X Commission on Y Work Plan": a document's head last, with no "of",
    // heads the name.
    {
      const Unit& l = units_[e - 1];
      bool of = false;
      for (uint32_t i = b; i < e; ++i) {
        of = of || (units_[i].kind == UnitKind::kConn && units_[i].lower == "of");
      }
      if (!of && e - 1 > head && l.kind == UnitKind::kName && IsDocumentHead(l.lower) &&
          !IsNumberedDocumentHead(l.lower) && (!NeedsHorizon(l.lower) || HorizonAfter(l.te))) {
        *type = EntityType::kDocument;
        return true;
      }
    }
    const Unit& h = units_[head];
    // "Russian Federation of Table Tennis": a state's name whose
    // last word heads bodies, with more after it, names a body.
    if (h.kind == UnitKind::kGaz && head + 1 < e && units_[head + 1].kind == UnitKind::kConn &&
        units_[head + 1].lower == "of" && head + 2 < e && units_[head + 2].kind == UnitKind::kName) {
      const std::string_view name = Text(h.te - 1);
      std::string last;
      AppendLower(name, &last);
      if (IsOrganizationHead(last)) {
        *type = EntityType::kOrganization;
        return true;
      }
    }
    if (h.kind == UnitKind::kName && tokens_[h.tb].kind == TokenKind::kNumber && head > b &&
        IsNumberedDocumentHead(units_[head - 1].lower)) {
      *type = EntityType::kDocument;
      return true;
    }
    if (h.kind != UnitKind::kName || e - b == 1) return false;
    if (IsOrganizationHead(h.lower)) {
      *type = EntityType::kOrganization;
      return true;
    }
    if (IsDocumentHead(h.lower) && !IsNumberedDocumentHead(h.lower) &&
        (!NeedsHorizon(h.lower) || HorizonAfter(units_[e - 1].te))) {
      // A plan is a named document only with its horizon ("Plan of Basic
      // Activities for 2024"); "the Plan of Measures to ..." describes one.
      *type = EntityType::kDocument;
      return true;
    }
    if (IsPlaceHead(h.lower)) {
      *type = EntityType::kPlace;
      return true;
    }
    return false;
  }

  // Emits the gazetteer names and acronyms inside units [b, e) that are not
  // the whole name.
  void EmitInner(uint32_t b, uint32_t e) {
    // "the Slovak BWO Chairmanship": a state's adjective before a body and
    // a word of its role names the state.
    const bool role = e - b >= 3 && units_[e - 1].kind == UnitKind::kName &&
                      IsStateRoleNoun(units_[e - 1].lower);
    for (uint32_t i = b; i < e; ++i) {
      const Unit& u = units_[i];
      if (role && i == b && u.kind == UnitKind::kAdj &&
          gaz_.entry(u.gaz).type == EntityType::kCountry) {
        EmitAdjective(u);
      } else if (u.kind == UnitKind::kGaz && gaz_.entry(u.gaz).type == EntityType::kCountry) {
        EmitGaz(u);
      } else if (IsAcronymUnit(u)) {
        Emit({.type = EntityType::kOrganization, .form = Span(u.tb, u.te), .acronym = true}, u.tb,
             u.te);
      }
    }
  }

  // Reads units [b, e) as one name (or several); returns the principal mention or -1.
  int AnalyzeName(uint32_t b, uint32_t e, ChunkInfo* chunk, bool whole_chunk) {
    while (b < e && (units_[b].kind == UnitKind::kConn || units_[b].kind == UnitKind::kPoss)) ++b;
    while (e > b &&
           (units_[e - 1].kind == UnitKind::kConn || units_[e - 1].kind == UnitKind::kPoss)) {
      --e;
    }
    if (b >= e) return -1;
    // "X's Y": Y belongs to X.
    for (uint32_t i = b + 1; i + 1 < e; ++i) {
      if (units_[i].kind != UnitKind::kPoss) continue;
      const int owner = AnalyzeName(b, i, chunk, false);
      const int owned = AnalyzeName(i + 1, e, chunk, false);
      if (owned >= 0 && owner != -1 && out_.mentions[static_cast<size_t>(owned)].body.empty() &&
          out_.mentions[static_cast<size_t>(owned)].type != EntityType::kPerson) {
        RawMention& m = out_.mentions[static_cast<size_t>(owned)];
        const RawMention& o = out_.mentions[static_cast<size_t>(owner)];
        m.body = m.form;
        if (!o.anaphor_head.empty()) {
          m.parent_head = o.anaphor_head;
        } else {
          m.parent = owner;
        }
      }
      return owned >= 0 ? owned : owner;
    }
    // "X to the Y": two names.
    for (uint32_t i = b + 1; i < e; ++i) {
      if (units_[i].kind == UnitKind::kConn && units_[i].lower == "to") {
        const int first = AnalyzeName(b, i, chunk, false);
        AnalyzeName(i + 1, e, chunk, false);
        return first;
      }
    }
    // Parts split at "of the".
    std::vector<std::pair<uint32_t, uint32_t>> parts;
    uint32_t start = b;
    for (uint32_t i = b; i + 1 < e; ++i) {
      if (units_[i].kind == UnitKind::kConn && units_[i].lower == "of" &&
          units_[i + 1].kind == UnitKind::kConn && units_[i + 1].lower == "the") {
        parts.push_back({start, i});
        start = i + 2;
        ++i;
      }
    }
    parts.push_back({start, e});
    EntityType t0;
    bool ana0 = false;
    const bool typed0 = TypeOf(parts[0].first, parts[0].second, &t0, &ana0);
    if (parts.size() > 1 && typed0 &&
        (t0 == EntityType::kOrganization || t0 == EntityType::kDocument) &&
        units_[parts[0].first].kind != UnitKind::kGaz) {
      size_t k = 1;
      while (k < parts.size()) {
        EntityType tk;
        bool anak = false;
        if (!TypeOf(parts[k].first, parts[k].second, &tk, &anak)) break;
        if (tk != EntityType::kOrganization && tk != EntityType::kCountry &&
            tk != EntityType::kPlace) {
          break;
        }
        ++k;
        if (anak) break;  // nothing hangs under "the Organization"
      }
      if (k == 1 && whole_chunk_name_ok(parts)) {
        // "Coordination Council of the Heads of the Competent Authorities ...
        // of the Member States of the X": words that name no body, state or
        // place after "of the" still belong to the name; a body, state or
        // place that ends it is its parent.
        const uint32_t nb = parts[0].first;
        EntityType tl;
        bool anal = false;
        const auto& lastp = parts.back();
        // "... of A and B": states end it too.
        bool states = lastp.second > lastp.first;
        for (uint32_t u = lastp.first; u < lastp.second; ++u) {
          const Unit& x = units_[u];
          states = states && ((x.kind == UnitKind::kGaz &&
                               gaz_.entry(x.gaz).type == EntityType::kCountry) ||
                              (x.kind == UnitKind::kConn && x.lower == "and"));
        }
        const bool last_typed =
            parts.size() > 2 &&
            (states || (TypeOf(lastp.first, lastp.second, &tl, &anal) && !anal &&
                        (tl == EntityType::kOrganization || tl == EntityType::kCountry)));
        RawMention m{.type = t0, .form = Span(TokB(nb), TokE(e))};
        if (last_typed) {
          m.parent = AnalyzeName(lastp.first, lastp.second, chunk, false);
          if (m.parent >= 0) m.body = Span(TokB(nb), TokE(parts[parts.size() - 2].second));
        }
        const int main = Emit(std::move(m), TokB(nb), TokE(e));
        EmitInner(nb, last_typed ? parts[parts.size() - 2].second : e);
        return main;
      }
      if (k > 1) {
        const uint32_t pb = parts[1].first, pe = parts[k - 1].second;
        const int parent = AnalyzeName(pb, pe, chunk, false);
        const uint32_t nb = parts[0].first, ne = parts[0].second;
        RawMention m{.type = t0};
        const bool head_only = ne - nb == 1;
        const RawMention* p =
            parent >= 0 ? &out_.mentions[static_cast<size_t>(parent)] : nullptr;
        if (p != nullptr && !p->anaphor_head.empty()) {
          // "Council of Harbour Ministers of the Organization".
          m.form = Span(TokB(nb), TokE(ne));
          m.body = m.form;
          m.parent_head = p->anaphor_head;
        } else {
          m.form = Span(TokB(nb), TokE(pe));
          // "CJTB of the NDA": the acronym alone is the body's name too.
          if (!head_only || IsAcronymUnit(units_[nb])) m.body = Span(TokB(nb), TokE(ne));
          if (p != nullptr && head_only) m.alt_form = p->form + " " + Span(TokB(nb), TokE(ne));
          m.parent = parent;
        }
        const bool anaphoric = !m.parent_head.empty();
        const int main = Emit(std::move(m), TokB(nb), TokE(anaphoric ? ne : pe));
        EmitInner(nb, ne);
        if (k < parts.size()) AnalyzeName(parts[k].first, e, chunk, false);
        return main;
      }
    }
    const int main = AnalyzeSimple(parts[0].first, parts[0].second, chunk,
                                   whole_chunk && parts.size() == 1);
    if (parts.size() > 1) AnalyzeName(parts[1].first, e, chunk, false);
    return main;
  }

  // Parts of a name split at "of the" (AnalyzeName) whose second part is
  // capitalized words that name nothing by themselves: no state or place
  // from the gazetteer first, not a person, not a lone head word.
  bool whole_chunk_name_ok(const std::vector<std::pair<uint32_t, uint32_t>>& parts) const {
    if (parts.size() < 2) return false;
    const auto [b, e] = parts[1];
    if (b >= e || units_[b].kind != UnitKind::kName || IsParenthesisUnit(units_[b])) return false;
    EntityType t;
    bool ana = false;
    if (TypeOf(b, e, &t, &ana)) return false;
    if (PersonLike(b, e) && IsGivenName(units_[b].lower)) return false;
    // "Declaration of the X Summit": a happening's name is no body's part.
    for (size_t p = 1; p < parts.size(); ++p) {
      for (uint32_t u = parts[p].first; u < parts[p].second; ++u) {
        if (units_[u].kind == UnitKind::kName && IsEventNoun(units_[u].lower)) return false;
      }
    }
    return true;
  }

  // A name without "of the" chains.
  int AnalyzeSimple(uint32_t b, uint32_t e, ChunkInfo* chunk, bool whole_chunk) {
    if (b >= e) return -1;
    if (whole_chunk && chunk->forced) {
      RawMention m{.type = *chunk->forced, .form = Span(TokB(b), TokE(e)),
                   .acronym = e - b == 1 && IsAcronymUnit(units_[b]), .quoted = chunk->quoted};
      return Emit(std::move(m), TokB(b), TokE(e));
    }
    if (e - b == 1 && units_[b].kind == UnitKind::kGaz) return EmitGaz(units_[b]);
    if (e - b == 1 && units_[b].kind == UnitKind::kAdj) {
      // "the Slovak side", "Austrian presidency": the state.
      const uint32_t after = TokE(e);
      if (after < tokens_.size() && IsStateRoleNoun(Lower(after))) return EmitAdjective(units_[b]);
      return -1;
    }
    EntityType type;
    bool anaphor = false;
    const bool typed = TypeOf(b, e, &type, &anaphor);
    if (typed && anaphor) {
      // "the Organization", "the Secretariat": resolved against the story later.
      const uint32_t tb = TokB(b);
      if (tb > 0 && Is(tb - 1, "the")) {
        RawMention m{.type = type, .form = Span(tb, TokE(e)), .anaphor_head = units_[b].lower};
        return Emit(std::move(m), tb, TokE(e));
      }
      return -1;
    }
    // Several acronyms side by side ("NDA JDC"): each one.
    bool all_acronyms = e - b > 1;
    for (uint32_t i = b; i < e; ++i) all_acronyms = all_acronyms && IsAcronymUnit(units_[i]);
    if (all_acronyms) {
      int first = -1;
      for (uint32_t i = b; i < e; ++i) {
        const int m = Emit({.type = EntityType::kOrganization,
                            .form = Span(units_[i].tb, units_[i].te), .acronym = true},
                           units_[i].tb, units_[i].te);
        if (first < 0) first = m;
      }
      return first;
    }
    if (typed) {
      // A parent named first: "NDA Joint Staff", "EU Fisheries Council",
      // "Austrian Ministry of Foreign Affairs".
      const Unit& f = units_[b];
      EntityType rest_type;
      bool rest_ana = false;
      const bool prefix_unit =
          IsAcronymUnit(f) || f.kind == UnitKind::kAdj ||
          (f.kind == UnitKind::kGaz && gaz_.entry(f.gaz).type == EntityType::kOrganization);
      if (e - b > 1 && prefix_unit && TypeOf(b + 1, e, &rest_type, &rest_ana) && !rest_ana &&
          rest_type == type) {
        const int parent = f.kind == UnitKind::kAdj ? EmitAdjective(f)
                           : f.kind == UnitKind::kGaz
                               ? EmitGaz(f)
                               : Emit({.type = EntityType::kOrganization,
                                       .form = Span(f.tb, f.te), .acronym = true},
                                      f.tb, f.te);
        RawMention m{.type = type, .form = Span(TokB(b), TokE(e)),
                     .body = Span(TokB(b + 1), TokE(e)), .parent = parent};
        const int main = Emit(std::move(m), TokB(b), TokE(e));
        EmitInner(b + 1, e);
        return main;
      }
      if (e - b == 2 && IsGenericDescription(units_[b].lower, units_[b + 1].lower)) return -1;
      RawMention m{.type = type, .form = Span(TokB(b), TokE(e)),
                   .acronym = e - b == 1 && IsAcronymUnit(units_[b]), .quoted = chunk->quoted};
      const int main = Emit(std::move(m), TokB(b), TokE(e));
      if (e - b > 1) EmitInner(b, e);
      return main;
    }
    // "Linz Region Ivan Smith": a place by its head word, then a name.
    if (whole_chunk && e - b >= 4) {
      for (uint32_t i = e - 2; i > b; --i) {
        if (units_[i - 1].kind != UnitKind::kName || !IsPlaceHead(units_[i - 1].lower)) continue;
        if (!PersonLike(i, e)) break;
        AnalyzeSimple(b, i, chunk, false);
        chunk->person_like = true;
        chunk->person = EmitPerson(i, e);
        return chunk->person;
      }
    }
    // Untyped: its states, places and acronyms, and maybe a person.
    if (whole_chunk && PersonLike(b, e)) {
      chunk->person_like = true;
      // "I.V. Smith": initials before a surname name a person by their
      // shape; "Dear Ivan Petrov,", a byline: so does a given name.
      if (e - b >= 2 && (tokens_[units_[b].tb].Has(kInitials) || IsGivenName(units_[b].lower))) {
        chunk->person = EmitPerson(b, e);
        return chunk->person;
      }
    }
    EmitInner(b, e);
    return -1;
  }

  // Units [b, e) after the last title: the trailing words that name a person
  // ("... Slovak Republic Ivan Smith"); returns the first unit of the name, or e.
  uint32_t PersonTail(uint32_t b, uint32_t e) const {
    uint32_t i = e;
    if (i > b && IsSurnameInCapitals(units_[i - 1])) --i;
    while (i > b && e - i < 4 && IsPersonWord(units_[i - 1])) --i;
    if (i == e || i == b) return e;
    // "Chairman of the X Commission on Y Cooperation Ivan Petrov": a given
    // name begins the person's name wherever the body's name ends.
    bool given = false;
    for (uint32_t g = i; g + 2 <= e && !given; ++g) {
      if (g > b && IsGivenName(units_[g].lower)) {
        given = true;
        i = g;
      }
    }
    const Unit& before = units_[i - 1];
    const bool complete = given || before.kind == UnitKind::kGaz ||
                          (before.kind == UnitKind::kName &&
                           (IsOrganizationHead(before.lower) || IsAcronymUnit(before)));
    if (!complete || !PersonLike(i, e)) return e;
    return i;
  }

  // Units [sb, ne) after a post begin with "of" or "for": when a portfolio
  // follows ("of Defense", "for Emergency Situations", "of Culture and
  // Trade", "of the Interior": capitalized words that name no body, state or
  // place) and then "of" and the post's owner, the unit of that "of"; else sb.
  uint32_t PortfolioEnd(uint32_t sb, uint32_t ne) const {
    uint32_t k = sb + 1;
    if (k < ne && units_[k].kind == UnitKind::kConn && units_[k].lower == "the") ++k;
    const uint32_t first = k;
    while (k < ne) {
      const Unit& u = units_[k];
      if (u.kind == UnitKind::kName && IsPersonWord(u)) {
        ++k;
      } else if (k > first && u.kind == UnitKind::kConn && (u.lower == "and" || u.lower == "&")) {
        ++k;
      } else {
        break;
      }
    }
    if (k == first || k + 1 >= ne || units_[k - 1].kind != UnitKind::kName) return sb;
    if (units_[k].kind != UnitKind::kConn || units_[k].lower != "of") return sb;
    return k;
  }

  // "Special Representative of the NDA Secretary General for Mediation":
  // a post of another post's holder is one post ("Special Representative of
  // the Secretary General for Mediation"), of the organization named
  // before the second title (else the one pending). Titles ti and ti + 1 of
  // chunk c; false, and nothing emitted, when they are not so joined.
  bool CompoundPost(ChunkInfo* c, size_t ti, const std::vector<uint32_t>& titles,
                    int* pending_org) {
    const uint32_t t1 = titles[ti], t2 = titles[ti + 1];
    uint32_t k = t1 + 1;
    if (k >= t2 || units_[k].kind != UnitKind::kConn || units_[k].lower != "of") return false;
    ++k;
    if (k < t2 && units_[k].kind == UnitKind::kConn && units_[k].lower == "the") ++k;
    int org = -1;
    if (k + 1 == t2) {
      const Unit& u = units_[k];
      if (IsAcronymUnit(u)) {
        org = Emit({.type = EntityType::kOrganization, .form = Span(u.tb, u.te), .acronym = true},
                   u.tb, u.te);
      } else if (u.kind == UnitKind::kGaz) {
        org = EmitGaz(u);
      } else if (u.kind == UnitKind::kAdj) {
        org = EmitAdjective(u);
      } else {
        return false;
      }
    } else if (k != t2) {
      return false;
    }
    if (org < 0) org = *pending_org;
    *pending_org = -1;
    std::string post = Span(units_[t1].tb, units_[t1].te) + " of the " +
                       Span(units_[t2].tb, units_[t2].te);
    const uint32_t sb = t2 + 1;
    const uint32_t se = ti + 2 < titles.size() ? titles[ti + 2] : c->ue;
    uint32_t ne = se;
    if (ti + 2 == titles.size() && sb < se) {
      const uint32_t p = PersonTail(sb, se);
      if (p < se) {
        c->person = EmitPerson(p, se);
        ne = p;
      } else if (PersonLike(sb, se) && units_[sb].kind != UnitKind::kConn) {
        c->person = EmitPerson(sb, se);
        ne = sb;
      }
    }
    // "... for Mediation", "... for the Northern Region": the post's portfolio.
    if (sb < ne && units_[sb].kind == UnitKind::kConn && units_[sb].lower == "for") {
      post += " " + Span(TokB(sb), TokE(ne));
      EmitInner(sb + 1, ne);
    } else if (sb < ne) {
      AnalyzeName(sb, ne, c, false);
    }
    c->posts.push_back({post, org});
    return true;
  }

  void Interpret(ChunkInfo* c) {
    std::vector<uint32_t> titles;
    for (uint32_t i = c->ub; i < c->ue; ++i) {
      if (units_[i].kind == UnitKind::kTitle) titles.push_back(i);
    }
    if (titles.empty()) {
      c->main = AnalyzeName(c->ub, c->ue, c, true);
      return;
    }
    int pending_org = -1;
    if (titles[0] > c->ub) {
      const uint32_t pe = titles[0];
      if (pe - c->ub == 1 && units_[c->ub].kind == UnitKind::kAdj) {
        pending_org = EmitAdjective(units_[c->ub]);
      } else {
        pending_org = AnalyzeName(c->ub, pe, c, false);
      }
      if (pending_org >= 0 && out_.mentions[static_cast<size_t>(pending_org)].type ==
                                  EntityType::kPerson) {
        pending_org = -1;
      }
    }
    c->title_first = units_[titles[0]].title == TitleKind::kPost;
    for (size_t ti = 0; ti < titles.size(); ++ti) {
      const Unit& t = units_[titles[ti]];
      const uint32_t sb = titles[ti] + 1;
      const uint32_t se = ti + 1 < titles.size() ? titles[ti + 1] : c->ue;
      const bool last = ti + 1 == titles.size();
      const std::string title = Span(t.tb, t.te);
      if (t.title == TitleKind::kPost && !last &&
          units_[titles[ti + 1]].title == TitleKind::kPost &&
          CompoundPost(c, ti, titles, &pending_org)) {
        ++ti;
        continue;
      }
      if (sb < se && units_[sb].kind == UnitKind::kConn &&
          (units_[sb].lower == "of" || units_[sb].lower == "for" || units_[sb].lower == "to")) {
        uint32_t ne = se;
        if (last) {
          const uint32_t p = PersonTail(sb, se);
          if (p < se) {
            c->person = EmitPerson(p, se);
            ne = p;
          }
        }
        // "Minister for Emergency Situations of the Republic of A": the
        // portfolio belongs to the post, the state after it owns the post.
        const uint32_t owner = t.title == TitleKind::kPost ? PortfolioEnd(sb, ne) : sb;
        const int org = AnalyzeName(owner, ne, c, false);
        std::string post = owner > sb && org >= 0 ? Span(t.tb, TokE(owner)) : title;
        int owner_org = org;
        // "Deputy Chairman of the Government of A": the government is the
        // state's; the post is "Deputy Chairman of the Government", A's.
        if (org >= 0 && owner == sb) {
          const RawMention& g = out_.mentions[static_cast<size_t>(org)];
          std::string head;
          const std::string_view gf = g.form;
          AppendLower(gf.substr(0, gf.find(' ')), &head);
          int state = g.parent >= 0 &&
                              out_.mentions[static_cast<size_t>(g.parent)].type ==
                                  EntityType::kCountry
                          ? g.parent
                          : -1;
          // "Government of A": the state inside the name.
          for (size_t m = 0; state < 0 && head == "government" && m < out_.mentions.size(); ++m) {
            if (out_.mentions[m].type == EntityType::kCountry &&
                mention_tokens_[m].first > mention_tokens_[static_cast<size_t>(org)].first &&
                mention_tokens_[m].second <= mention_tokens_[static_cast<size_t>(org)].second) {
              state = static_cast<int>(m);
            }
          }
          if (head == "government" && state >= 0) {
            post = title + " of the Government";
            owner_org = state;
            // "the Government of A" names A acting, no body of its own.
            RawMention& gm = out_.mentions[static_cast<size_t>(org)];
            const RawMention& sm = out_.mentions[static_cast<size_t>(state)];
            gm.type = EntityType::kCountry;
            gm.form = sm.form;
            gm.gazetteer = sm.gazetteer;
            gm.body = CompactString();
            gm.alt_form = CompactString();
            gm.parent = -1;
          }
        }
        if (t.title == TitleKind::kPost) {
          c->posts.push_back({post, owner_org >= 0 ? owner_org : pending_org});
        }
        pending_org = -1;
      } else if (sb < se) {
        if (PersonLike(sb, se)) {
          c->person = EmitPerson(sb, se);
        } else {
          AnalyzeName(sb, se, c, false);
        }
        if (t.title == TitleKind::kPost) c->posts.push_back({title, pending_org});
        pending_org = -1;
      } else if (t.title == TitleKind::kPost) {
        c->posts.push_back({title, pending_org});
        pending_org = -1;
      }
    }
  }

  // ---- sentence-level cues ----
  // Marks chunks that a context types: quoted names after "operations",
  // "exercise"; quoted names after a descriptor ("Organization ‘X’",
  // "newspaper “X”"); names before "news agency", "newspaper".
  void MarkContexts(const Sentence& s) {
    for (size_t ci = 0; ci < chunks_.size(); ++ci) {
      ChunkInfo& c = chunks_[ci];
      const uint32_t tb = TokB(c.ub), te = TokE(c.ue);
      const bool open = tb > s.first_token && IsOpenQuote(Text(tb - 1));
      const bool close = te < s.end_token && IsCloseQuote(Text(te));
      c.quoted = open && close;
      if (c.quoted) {
        // The noun before the quote, or before a list of quoted names.
        uint32_t k = tb - 1;
        while (k > s.first_token) {
          --k;
          std::string_view p = Text(k);
          if (tokens_[k].kind == TokenKind::kPunct &&
              (p == "," || IsOpenQuote(p) || IsCloseQuote(p))) {
            continue;
          }
          if (Is(k, "and") || Is(k, "or")) continue;
          break;
        }
        const std::string noun = Lower(k);
        const bool year_name = tokens_[te - 1].Has(kYearSuffix);
        if (ci > 0 && chunks_[ci - 1].forced && chunks_[ci - 1].quoted &&
            TokE(chunks_[ci - 1].ue) + 4 >= tb) {
          c.forced = chunks_[ci - 1].forced;  // "operations “A”, “B” and “C”"
        } else if (IsVenueNoun(noun) ||
                   (k > s.first_token && tokens_[k - 1].kind == TokenKind::kWord &&
                    IsVenueNoun(Lower(k - 1) + " " + noun))) {
          // Park Hotel "X", the exhibition center "Y": a venue.
          c.forced = EntityType::kPlace;
          if (ci > 0 && TokE(chunks_[ci - 1].ue) == tb - 1) chunks_[ci - 1].suppressed = true;
        } else if (IsOperationNoun(noun)) {
          c.forced = EntityType::kOperation;
        } else if (IsExerciseNoun(noun) || year_name) {
          c.forced = EntityType::kExercise;
        } else if (IsMediaNoun(noun) || (k + 2 == tb && IsOrganizationHead(noun))) {
          c.forced = EntityType::kOrganization;
          // "Private Research Organization ‘X’": the descriptor is not a name.
          if (ci > 0 && TokE(chunks_[ci - 1].ue) == tb - 1) chunks_[ci - 1].suppressed = true;
        }
      }
      // "KORDA news agency", "Danube Courier newspaper".
      uint32_t after = te;
      if (c.quoted) ++after;
      if (!c.forced && after < s.end_token && tokens_[after].Has(kLower)) {
        std::string w = Lower(after);
        if (w == "news" && after + 1 < s.end_token) w = Lower(after + 1);
        if (IsMediaNoun(w)) c.forced = EntityType::kOrganization;
      }
      // "Vesta Austria reports".
      if (!c.forced && after < s.end_token && c.ue - c.ub >= 2 &&
          IsReportingVerb(text::AsciiLower(Text(after)))) {
        bool has_known = false;
        EntityType t;
        bool ana = false;
        if (TypeOf(c.ub, c.ue, &t, &ana)) continue;  // typed by its own words
        for (uint32_t u = c.ub; u < c.ue; ++u) {
          has_known = has_known || units_[u].kind == UnitKind::kGaz || IsAcronymUnit(units_[u]);
        }
        if (has_known) c.forced = EntityType::kOrganization;
      }
    }
  }

  // Tokens between two chunks, as lower-case words and marks.
  std::vector<std::string> Between(uint32_t te, uint32_t tb) const {
    std::vector<std::string> out;
    for (uint32_t k = te; k < tb && out.size() < 6; ++k) out.push_back(Lower(k));
    return out;
  }

  // "Chairman of A, President of B Ivan Smith", "the President of X, the
  // distinguished Ivan Smith", "Ivan Smith, the X Secretary General".
  void Appositions() {
    for (size_t i = 0; i + 1 < chunks_.size(); ++i) {
      ChunkInfo& a = chunks_[i];
      size_t bi = i + 1;
      std::vector<std::string> mid = Between(TokE(a.ue), TokB(chunks_[bi].ub));
      // "Head of the X Centre (XC), Ivan Petrov": the acronym in
      // parentheses stands between the post and the name.
      if (mid.size() == 1 && mid[0] == "(" && bi + 1 < chunks_.size() &&
          TokE(chunks_[bi].ue) < tokens_.size() && Text(TokE(chunks_[bi].ue)) == ")" &&
          chunks_[bi].ue - chunks_[bi].ub == 1 && IsAcronymUnit(units_[chunks_[bi].ub])) {
        mid = Between(TokE(chunks_[bi].ue) + 1, TokB(chunks_[bi + 1].ub));
        ++bi;
      }
      ChunkInfo& b = chunks_[bi];
      if (a.suppressed || b.suppressed) continue;
      if (mid.empty()) continue;
      // "Chairman of X, Chief of Y - First Deputy Minister of A, Z".
      const bool dash = mid[0] == "-" || mid[0] == "\xE2\x80\x93" || mid[0] == "\xE2\x80\x94";
      if (mid[0] != "," && !dash) continue;
      size_t k = 1;
      if (k < mid.size() && mid[k] == "the") ++k;
      // At most one lower-case word of address ("the distinguished").
      if (k < mid.size() && k + 1 == mid.size() && !mid[k].empty() && mid[k][0] >= 'a' &&
          mid[k][0] <= 'z' && !IsConnector(mid[k])) {
        ++k;
      }
      if (k != mid.size()) continue;
      // "the State Secretary, Deputy Minister of the Interior of A X": a post
      // in a row without its owner has the owner of the next.
      if (!a.posts.empty() && a.person < 0 && !b.posts.empty() && b.title_first) {
        for (Post& p : a.posts) {
          if (p.org < 0) p.org = b.posts.front().org;
        }
      }
      if (!a.posts.empty() && a.person < 0) {
        if (b.person >= 0) {
          for (const Post& p : a.posts) b.posts.push_back(p);
          a.posts.clear();
        } else if (!b.posts.empty() && b.title_first) {
          // Posts in a row before one name: they go along to it.
          b.posts.insert(b.posts.begin(), a.posts.begin(), a.posts.end());
          a.posts.clear();
        } else if (b.person_like && b.posts.empty() && b.ue - b.ub >= 2) {
          b.person = EmitPerson(b.ub, b.ue);
          b.posts = std::move(a.posts);
          a.posts.clear();
        }
      } else if (!b.posts.empty() && b.person < 0 && b.title_first) {
        bool taken = false;
        if (a.person >= 0 && a.posts.empty()) {
          a.posts = std::move(b.posts);
          b.posts.clear();
          taken = true;
        } else if (a.person_like && a.ue - a.ub >= 2) {
          a.person = EmitPerson(a.ub, a.ue);
          a.posts = std::move(b.posts);
          b.posts.clear();
          taken = true;
        }
        // "X, the Deputy Prime Minister of A - Minister of Trade of A,
        // Chairman of the Commission": the posts in a row are all X's.
        for (size_t j = i + 2; taken && j < chunks_.size(); ++j) {
          ChunkInfo& c = chunks_[j];
          if (c.suppressed || c.person >= 0 || c.posts.empty() || !c.title_first) break;
          std::vector<std::string> gap = Between(TokE(chunks_[j - 1].ue), TokB(c.ub));
          if (!gap.empty() && gap.back() == "the") gap.pop_back();
          if (gap.size() != 1 || !(gap[0] == "," || gap[0] == "-" || gap[0] == "\xE2\x80\x93" ||
                                   gap[0] == "\xE2\x80\x94" || gap[0] == "and")) {
            break;
          }
          for (const Post& p : c.posts) a.posts.push_back(p);
          c.posts.clear();
        }
      }
    }
  }

  // A post named once in the plural for a list of states, each with its
  // holder in parentheses: "the defense ministers of A (Lieutenant General
  // X), of B (Y), ...". The post is the singular ("Defense Minister"), of
  // each state.
  void ListedPosts(const Sentence& s, size_t first_mention) {
    std::string post;
    uint32_t head_end = 0;
    for (uint32_t k = s.first_token; k + 1 < s.end_token && post.empty(); ++k) {
      if (!tokens_[k].Has(kLower) || !Is(k + 1, "of")) continue;
      std::string w = Lower(k);
      if (w.size() < 4 || w.back() != 's') continue;
      w.pop_back();
      // "defense ministers": the word before may belong to the post.
      if (k > s.first_token && tokens_[k - 1].kind == TokenKind::kWord) {
        const std::string two = Lower(k - 1) + " " + w;
        if (TitleKindOf(two) == TitleKind::kPost) post = two;
      }
      if (post.empty() && TitleKindOf(w) == TitleKind::kPost) post = w;
      head_end = k + 1;
    }
    if (post.empty()) return;
    // Title case, as posts are written before a name.
    for (size_t i = 0; i < post.size(); ++i) {
      if ((i == 0 || post[i - 1] == ' ' || post[i - 1] == '-') && post[i] >= 'a' && post[i] <= 'z') {
        post[i] = static_cast<char>(post[i] - 'a' + 'A');
      }
    }
    for (ChunkInfo& c : chunks_) {
      if (c.person < 0 || !c.posts.empty()) continue;
      const uint32_t tb = TokB(c.ub);
      if (tb < 2 || tb <= head_end || Text(tb - 1) != "(") continue;
      int country = -1;
      for (size_t m = first_mention; m < out_.mentions.size(); ++m) {
        if (mention_tokens_[m].second == tb - 1 &&
            out_.mentions[m].type == EntityType::kCountry) {
          country = static_cast<int>(m);
        }
      }
      if (country < 0) continue;
      uint32_t before = mention_tokens_[static_cast<size_t>(country)].first;
      if (before > s.first_token && Is(before - 1, "the")) --before;
      if (before <= s.first_token || !Is(before - 1, "of")) continue;
      c.posts.push_back({post, country});
    }
  }

  // The mentions whose first token lies in [tb, te), in order.
  std::vector<int> MentionsIn(size_t first_mention, uint32_t tb, uint32_t te) const {
    std::vector<int> out;
    for (size_t m = first_mention; m < out_.mentions.size(); ++m) {
      if (mention_tokens_[m].first >= tb && mention_tokens_[m].first < te) {
        out.push_back(static_cast<int>(m));
      }
    }
    std::sort(out.begin(), out.end(), [&](int x, int y) {
      return mention_tokens_[static_cast<size_t>(x)].first <
             mention_tokens_[static_cast<size_t>(y)].first;
    });
    return out;
  }

  EntityType TypeOfMention(int m) const { return out_.mentions[static_cast<size_t>(m)].type; }
  uint32_t MB(int m) const { return mention_tokens_[static_cast<size_t>(m)].first; }
  uint32_t ME(int m) const { return mention_tokens_[static_cast<size_t>(m)].second; }

  // A four-digit year in the text before token k (the sentence's or the
  // story's), the latest written; 0 when none.
  int YearBefore(uint32_t k) const {
    for (uint32_t j = k; j > 0; --j) {
      const Token& t = tokens_[j - 1];
      if (t.kind == TokenKind::kNumber) {
        const int y = ParseYear(Text(j - 1));
        if (y) return y;
      }
    }
    return 0;
  }

  int StoryYear() const {
    if (story_.date.size() >= 4) return ParseYear(std::string_view(story_.date).substr(0, 4));
    return 0;
  }

  // The year of a chairmanship stated near tokens [tb, te) of sentence s.
  int ChairYear(const Sentence& s, uint32_t trigger, uint32_t country_end) const {
    auto reference = [&](uint32_t k) {
      const int y = StoryYear();
      return y ? y : YearBefore(k);
    };
    // Right after the state: "for 2025", "in 2024", "last year", "this year".
    for (uint32_t k = country_end; k < s.end_token && k < country_end + 6; ++k) {
      if (tokens_[k].kind == TokenKind::kNumber) {
        if (const int y = ParseYear(Text(k))) return y;
      }
      if (k + 1 < s.end_token && Is(k + 1, "year")) {
        const int r = reference(k);
        if (Is(k, "last") || Is(k, "previous")) return r ? r - 1 : 0;
        if (Is(k, "this") || Is(k, "current")) return r;
        if (Is(k, "next") || Is(k, "coming")) return r ? r + 1 : 0;
      }
      if (tokens_[k].kind == TokenKind::kPunct && Text(k) != "," && Text(k) != "'") break;
    }
    // Before the trigger: "this year's presidency", "the 2024 chairmanship".
    for (uint32_t k = trigger; k > s.first_token && k + 5 > trigger; --k) {
      const uint32_t j = k - 1;
      if (tokens_[j].kind == TokenKind::kNumber) {
        if (const int y = ParseYear(Text(j))) return y;
      }
      if (Is(j, "year") && j > s.first_token) {
        const int r = reference(j);
        if (Is(j - 1, "last") || Is(j - 1, "previous")) return r ? r - 1 : 0;
        if (Is(j - 1, "this") || Is(j - 1, "current")) return r;
        if (Is(j - 1, "next")) return r ? r + 1 : 0;
      }
    }
    // Any year the sentence states, the nearest to the trigger.
    int best = 0;
    uint32_t best_d = UINT32_MAX;
    for (uint32_t k = s.first_token; k < s.end_token; ++k) {
      if (tokens_[k].kind != TokenKind::kNumber) continue;
      const int y = ParseYear(Text(k));
      if (!y) continue;
      const uint32_t d = k > trigger ? k - trigger : trigger - k;
      if (d < best_d) {
        best = y;
        best_d = d;
      }
    }
    if (best) return best;
    if (Is(trigger > 0 ? trigger - 1 : 0, "previous")) {
      const int r = reference(trigger);
      return r ? r - 1 : 0;
    }
    return reference(s.first_token);
  }

  // The organization named right after token k ("in the NDA", "of the
  // Union"), or -1.
  int OrgAfter(const std::vector<int>& ms, uint32_t k, uint32_t end) const {
    uint32_t j = k;
    if (j < end && (Is(j, "in") || Is(j, "of") || Is(j, "over"))) ++j; else return -1;
    if (j < end && Is(j, "the")) ++j;
    for (int m : ms) {
      if (MB(m) == j && TypeOfMention(m) == EntityType::kOrganization) return m;
    }
    return -1;
  }

  void Chairs(const Sentence& s, size_t first_mention) {
    const std::vector<int> ms = MentionsIn(first_mention, s.first_token, s.end_token);
    auto country_at = [&](uint32_t from, uint32_t to) -> int {
      for (int m : ms) {
        if (MB(m) >= from && MB(m) < to && TypeOfMention(m) == EntityType::kCountry) return m;
      }
      return -1;
    };
    auto country_ending_at = [&](uint32_t k) -> int {
      for (int m : ms) {
        if (ME(m) == k && TypeOfMention(m) == EntityType::kCountry) return m;
      }
      return -1;
    };
    auto last_country_before = [&](uint32_t k) -> int {
      int best = -1;
      for (int m : ms) {
        if (ME(m) <= k && TypeOfMention(m) == EntityType::kCountry) best = m;
      }
      return best;
    };
    auto last_org_before = [&](uint32_t k) -> int {
      int best = -1;
      for (int m : ms) {
        if (ME(m) <= k && TypeOfMention(m) == EntityType::kOrganization) best = m;
      }
      return best;
    };
    for (uint32_t k = s.first_token; k < s.end_token; ++k) {
      if (!cue_[k]) continue;
      const bool noun = Is(k, "chairmanship") || Is(k, "presidency");
      const bool verb = Is(k, "chairs") || Is(k, "chaired") || Is(k, "chair") ||
                        Is(k, "presides") || Is(k, "presided");
      if (!noun && !verb) continue;
      // "a meeting of the Council was held under the chairmanship of A", "under
      // the chairmanship of the Minister of A": A chaired the meeting (a
      // person did), which says nothing of who chairs the organization.
      if (noun && k >= s.first_token + 2 && Is(k - 1, "the") && Is(k - 2, "under")) {
        bool meeting = false;
        for (uint32_t j = s.first_token; j + 2 < k; ++j) {
          meeting = meeting || (tokens_[j].Has(kLower) && IsEventNoun(Lower(j)));
        }
        bool title = false;
        for (uint32_t j = k + 1; j < s.end_token && j < k + 4; ++j) {
          title = title || (tokens_[j].Has(kCap) && IsTitleFirstWord(Lower(j)));
        }
        if (meeting || title) continue;
      }
      int country = -1, org = -1;
      uint32_t country_end = k + 1;
      if (noun) {
        uint32_t j = k + 1;
        if (j < s.end_token && Is(j, "of")) {
          // "chairmanship of (the) X": a state within the next words.
          country = country_at(j + 1, std::min(s.end_token, j + 8));
          if (country >= 0) {
            // Not "presidency of the Council of the X": no organization in between.
            for (int m : ms) {
              if (MB(m) > j && MB(m) < MB(country) &&
                  TypeOfMention(m) == EntityType::kOrganization) {
                org = m;
              }
            }
            if (org >= 0) country = -1;
          }
          if (country < 0) org = OrgAfter(ms, j, s.end_token);
        }
        if (country < 0) {
          // "the Austrian presidency", "Slovakia's chairmanship", "X took over the chairmanship".
          uint32_t p = k;
          if (p > s.first_token && tokens_[p - 1].kind == TokenKind::kPossessive) --p;
          country = country_ending_at(p);
          // "the Slovak BWO Chairmanship": the state, then the body.
          if (country < 0) {
            for (int m : ms) {
              if (ME(m) == p && TypeOfMention(m) == EntityType::kOrganization &&
                  country_ending_at(MB(m)) >= 0) {
                org = m;
                country = country_ending_at(MB(m));
              }
            }
          }
          if (country < 0 && k >= 2 && (Is(k - 1, "the") || Is(k - 1, "its"))) {
            const uint32_t v = k - 2;
            if (Is(v, "over") || Is(v, "assumed") || Is(v, "holds") || Is(v, "held") ||
                Is(v, "took") || Is(v, "assumes") || Is(v, "hold")) {
              country = last_country_before(v);
            }
          }
          if (country < 0) continue;
        } else {
          country_end = ME(country);
        }
        if (org < 0) org = OrgAfter(ms, country_end, s.end_token);
      } else {
        // "X chairs the Union", "X, which chaired the Council", "chaired by X".
        if (k + 1 < s.end_token && Is(k + 1, "by")) {
          country = country_at(k + 2, std::min(s.end_token, k + 10));
          if (country < 0) continue;
          // "chaired by the Deputy Chairman of the Government of A": a
          // person chaired, which says nothing of who chairs the organization.
          bool person = false;
          for (uint32_t j = k + 2; j < MB(country); ++j) {
            person = person || (tokens_[j].Has(kCap) && IsTitleFirstWord(Lower(j)));
          }
          if (person) continue;
          country_end = ME(country);
          org = last_org_before(k);
        } else {
          country = last_country_before(k);
          if (country < 0) continue;
          uint32_t j = k + 1;
          if (j < s.end_token && Is(j, "over")) ++j;
          if (j < s.end_token && Is(j, "the")) ++j;
          for (int m : ms) {
            if (MB(m) == j && TypeOfMention(m) == EntityType::kOrganization) org = m;
          }
          if (org < 0) continue;  // "chaired the meeting"
          country_end = ME(org);
        }
      }
      if (org < 0) org = last_org_before(MB(country));
      const int year = ChairYear(s, k, country_end);
      if (year == 0) continue;
      out_.facts.push_back({.type = FactType::kChairs,
                            .organization = org >= 0 ? org : kStoryOrganization,
                            .country = country,
                            .year = year,
                            .sentence_begin = s.begin,
                            .sentence_end = s.end});
    }
  }

  void MemberOf(const Sentence& s, size_t first_mention) {
    const std::vector<int> ms = MentionsIn(first_mention, s.first_token, s.end_token);
    // The states listed from token k on: country mentions separated by
    // commas, "and", "the", dashes.
    auto list_from = [&](uint32_t k) {
      std::vector<int> out;
      uint32_t j = k;
      while (j < s.end_token) {
        int hit = -1;
        for (int m : ms) {
          if (MB(m) == j && TypeOfMention(m) == EntityType::kCountry) hit = m;
        }
        if (hit >= 0) {
          out.push_back(hit);
          j = ME(hit);
          continue;
        }
        std::string_view p = Text(j);
        const bool glue = (tokens_[j].kind == TokenKind::kPunct && (p == "," || IsDash(p))) ||
                          Is(j, "and") || Is(j, "the") || Is(j, "of") || Is(j, "republics") ||
                          Is(j, "states") || Is(j, "as") || Is(j, "well");
        if (!glue) break;
        ++j;
      }
      return out;
    };
    auto emit = [&](const std::vector<int>& countries, int org) {
      for (int c : countries) {
        out_.facts.push_back({.type = FactType::kMemberOf,
                              .organization = org,
                              .country = c,
                              .sentence_begin = s.begin,
                              .sentence_end = s.end});
      }
    };
    for (uint32_t k = s.first_token; k < s.end_token; ++k) {
      if (!cue_[k]) continue;
      // "ORG ... unites four states - A, B and C".
      if (Is(k, "unites") || Is(k, "comprises") || Is(k, "includes") || Is(k, "united") ||
          Is(k, "brings") || Is(k, "consists") || Is(k, "comprised")) {
        int org = -1;
        for (int m : ms) {
          if (ME(m) <= k && TypeOfMention(m) == EntityType::kOrganization) org = m;
        }
        // "The bloc includes six countries: A, B, ...": the organization
        // of the story, named by a common noun.
        if (org < 0 && k > s.first_token &&
            (Is(k - 1, "bloc") || Is(k - 1, "organization") || Is(k - 1, "organisation") ||
             Is(k - 1, "alliance") || Is(k - 1, "union") || Is(k - 1, "it"))) {
          org = kStoryOrganization;
        }
        if (org == -1) continue;
        for (uint32_t j = k + 1; j < s.end_token && j < k + 7; ++j) {
          if (Is(j, "states") || Is(j, "countries") || Is(j, "members") || Is(j, "nations")) {
            std::vector<int> list = list_from(j + 1);
            if (list.size() >= 2) emit(list, org);
            break;
          }
        }
      }
      // "member states of the ORG are A, B", "the ORG member states: A, B".
      if (Is(k, "members") || (Is(k, "states") && k > 0 && Is(k - 1, "member"))) {
        int org = -1;
        uint32_t j = k + 1;
        if (j < s.end_token && Is(j, "of")) {
          org = OrgAfter(ms, j, s.end_token);
          if (org >= 0) j = ME(org);
        } else {
          const uint32_t head = Is(k, "states") ? k - 1 : k;
          for (int m : ms) {
            if (ME(m) == head && TypeOfMention(m) == EntityType::kOrganization) org = m;
          }
        }
        if (org < 0) continue;
        if (j < s.end_token && (Is(j, "are") || Is(j, "include") || IsDash(Text(j)))) {
          std::vector<int> list = list_from(j + 1);
          if (list.size() >= 2) emit(list, org);
        }
      }
      // "A is a member state of the ORG"; "The Republic is a member of the
      // ORG": the state named last before.
      if (Is(k, "member") && k >= s.first_token + 2 && Is(k - 1, "a") &&
          (Is(k - 2, "is") || Is(k - 2, "was") || Is(k - 2, "became") || Is(k - 2, "remains"))) {
        uint32_t j = k + 1;
        if (j < s.end_token && (Is(j, "state") || Is(j, "country"))) ++j;
        const int org = OrgAfter(ms, j, s.end_token);
        if (org < 0) continue;
        int country = -1;
        for (int m : ms) {
          if (ME(m) == k - 2 && TypeOfMention(m) == EntityType::kCountry) country = m;
        }
        const uint32_t subject = s.first_token;
        if (country < 0 && k - 2 == subject + 2 && Is(subject, "the") &&
            (Is(subject + 1, "republic") || Is(subject + 1, "country") ||
             Is(subject + 1, "state"))) {
          for (size_t m = 0; m < first_mention; ++m) {
            if (out_.mentions[m].type == EntityType::kCountry &&
                (out_.mentions[m].begin & kInTitle) == (place_bit_ & kInTitle)) {
              country = static_cast<int>(m);
            }
          }
        }
        if (country >= 0) emit({country}, org);
      }
      // "A and B joined the ORG".
      if (Is(k, "joined") || Is(k, "join") || Is(k, "acceded")) {
        uint32_t j = k + 1;
        if (j < s.end_token && Is(j, "to")) ++j;
        if (j < s.end_token && Is(j, "the")) ++j;
        int org = -1;
        for (int m : ms) {
          if (MB(m) == j && TypeOfMention(m) == EntityType::kOrganization) org = m;
        }
        if (org < 0) continue;
        std::vector<int> list;
        for (int m : ms) {
          if (ME(m) <= k && TypeOfMention(m) == EntityType::kCountry) list.push_back(m);
        }
        // Only the list right before the verb, and the one after the
        // organization ("A joined the Union in 2004, B and C in 2011").
        std::vector<int> tail = RunBefore(list, k);
        for (uint32_t g = ME(org); g < s.end_token; ++g) {
          int hit = -1;
          for (int m : ms) {
            if (MB(m) == g && TypeOfMention(m) == EntityType::kCountry) hit = m;
          }
          if (hit >= 0) {
            tail.push_back(hit);
            g = ME(hit) - 1;
            continue;
          }
          if (!(Text(g) == "," || Is(g, "and") || Is(g, "the") || Is(g, "in") ||
                ParseYear(Text(g)))) {
            break;
          }
        }
        emit(tail, org);
      }
      // "A, B and C founded the ORG", "the ORG was founded by A, B and C".
      if (Is(k, "founded") || Is(k, "established") || Is(k, "created")) {
        uint32_t j = k + 1;
        if (j < s.end_token && Is(j, "by")) {
          int org = -1;
          for (int m : ms) {
            if (ME(m) <= k && TypeOfMention(m) == EntityType::kOrganization) org = m;
          }
          std::vector<int> list = list_from(j + 1);
          if (org >= 0 && list.size() >= 2) emit(list, org);
          continue;
        }
        if (j < s.end_token && Is(j, "the")) ++j;
        int org = -1;
        for (int m : ms) {
          if (MB(m) == j && TypeOfMention(m) == EntityType::kOrganization) org = m;
        }
        if (org < 0) continue;
        // The longest list of states before the verb.
        std::vector<int> countries, best;
        for (int m : ms) {
          if (ME(m) <= k && TypeOfMention(m) == EntityType::kCountry) countries.push_back(m);
        }
        for (size_t end = countries.size(); end > 0; --end) {
          std::vector<int> run =
              RunBefore(std::vector<int>(countries.begin(), countries.begin() + static_cast<long>(end)),
                        ME(countries[end - 1]));
          if (run.size() > best.size()) best = run;
        }
        if (best.size() >= 2) emit(best, org);
      }
    }
  }

  // The states of `list` (in text order) that end right before token k,
  // joined by commas and "and"; nearest first.
  std::vector<int> RunBefore(const std::vector<int>& list, uint32_t k) const {
    std::vector<int> tail;
    for (size_t i = list.size(); i > 0; --i) {
      const int m = list[i - 1];
      const uint32_t gap_end = tail.empty() ? k : MB(tail.back());
      bool glue = true;
      for (uint32_t g = ME(m); g < gap_end; ++g) {
        glue = glue && (Text(g) == "," || Is(g, "and") || Is(g, "the"));
      }
      if (!glue) break;
      tail.push_back(m);
    }
    return tail;
  }

  // "(ABC)" or "(X/REC/31/7)" after a name: an alias of it.
  void ParentheticAliases(const Sentence& s, size_t first_mention) {
    for (size_t m = first_mention; m < out_.mentions.size(); ++m) {
      RawMention& r = out_.mentions[m];
      if (!r.acronym || r.alias_of >= 0) continue;
      const uint32_t tb = mention_tokens_[m].first, te = mention_tokens_[m].second;
      if (tb == 0 || te >= s.end_token || Text(tb - 1) != "(" || Text(te) != ")") continue;
      const bool symbol = Text(tb).find('/') != std::string_view::npos;
      int named = -1;
      bool named_initials = false;  // the acronym is the initials of `named`
      for (size_t o = first_mention; o < out_.mentions.size(); ++o) {
        if (o == m || out_.mentions[o].acronym || !out_.mentions[o].anaphor_head.empty()) continue;
        const uint32_t oe = mention_tokens_[o].second;
        if (oe == tb - 1 && out_.mentions[o].type != EntityType::kPerson) {
          // "Council of the States of the Northern Alliance (NA)": of the
          // names that end before the parenthesis, the one the acronym
          // spells; else the innermost.
          bool initials = false;
          for (const std::string& i : Initials(out_.mentions[o].form)) {
            initials = initials || i == r.form;
          }
          const bool inner = named < 0 || mention_tokens_[o].first >
                                              mention_tokens_[static_cast<size_t>(named)].first;
          if (named < 0 || (initials && !named_initials) || (initials == named_initials && inner)) {
            named = static_cast<int>(o);
            named_initials = initials;
          }
        }
        if (symbol && oe < tb && out_.mentions[o].type == EntityType::kDocument) {
          named = static_cast<int>(o);
        }
      }
      if (named >= 0) {
        const RawMention& n = out_.mentions[static_cast<size_t>(named)];
        if (r.gazetteer >= 0 && r.type != n.type) {
          // "Danube Rescue Corps (DRC)": the name's own acronym, not a state's.
          bool initials = false;
          for (const std::string& i : Initials(n.body.empty() ? n.form : n.body.str())) {
            initials = initials || i == r.form;
          }
          for (const std::string& i : Initials(n.form)) initials = initials || i == r.form;
          if (!initials) continue;
          r.gazetteer = -1;
        }
        r.alias_of = named;
        r.type = n.type;
      }
    }
    // A bare symbol "(X/REC/31/7)" is not a word unit: find it here.
    for (uint32_t k = s.first_token + 1; k + 1 < s.end_token; ++k) {
      if (Text(k - 1) != "(" || Text(k + 1) != ")" || !tokens_[k].Has(kAllCaps)) continue;
      if (Text(k).find('/') == std::string_view::npos) continue;
      bool known = false;
      for (size_t m = first_mention; m < out_.mentions.size(); ++m) {
        known = known || mention_tokens_[m].first == k;
      }
      if (known) continue;
      int named = -1;
      for (size_t o = first_mention; o < out_.mentions.size(); ++o) {
        if (mention_tokens_[o].second < k && out_.mentions[o].type == EntityType::kDocument) {
          named = static_cast<int>(o);
        }
      }
      if (named < 0) continue;
      Emit({.type = EntityType::kDocument, .form = std::string(Text(k)), .alias_of = named,
            .acronym = true},
           k, k + 1);
    }
  }

  // "in Linz": a lone capitalized word after "in" that nothing else types
  // is a place.
  void LocativePlaces(const Sentence& s) {
    for (ChunkInfo& c : chunks_) {
      if (c.main >= 0 || c.person >= 0 || c.forced || c.ue - c.ub != 1) continue;
      const Unit& u = units_[c.ub];
      if (u.kind != UnitKind::kName || !IsPersonWord(u) || tokens_[u.tb].Has(kInitials)) continue;
      if (u.tb == 0 || !(Is(u.tb - 1, "in") || Is(u.tb - 1, "near"))) continue;
      if (u.tb - 1 < s.first_token) continue;
      const bool calendar = IsCalendarToken(u.lower);
      if (calendar) continue;
      const uint32_t next = u.te;
      if (next < s.end_token && tokens_[next].kind == TokenKind::kNumber) continue;
      if (next < s.end_token && tokens_[next].kind == TokenKind::kWord &&
          tokens_[next].Has(kCap)) {
        continue;
      }
      c.main = Emit({.type = EntityType::kPlace, .form = Span(u.tb, u.te)}, u.tb, u.te);
    }
  }

  // "Verlansky district": capitalized words that nothing else types, then
  // a lower-case head of an administrative unit, are a place.
  void LowerCasePlaceHeads(const Sentence& s) {
    for (ChunkInfo& c : chunks_) {
      if (c.main >= 0 || c.person >= 0 || c.forced || c.ue - c.ub > 2) continue;
      bool plain = true;
      for (uint32_t u = c.ub; u < c.ue; ++u) plain = plain && IsPersonWord(units_[u]);
      const uint32_t tb = TokB(c.ub), te = TokE(c.ue);
      if (!plain || te >= s.end_token || !tokens_[te].Has(kLower)) continue;
      const std::string head = Lower(te);
      if (head != "district" && head != "oblast" && head != "krai" && head != "province" &&
          head != "county") {
        continue;
      }
      c.main = Emit({.type = EntityType::kPlace, .form = Span(tb, te + 1)}, tb, te + 1);
    }
  }

  // A document's horizon is part of its name: "Strategy ... until 2030",
  // "... for the period up to 2040".
  void DocumentHorizons(const Sentence& s, size_t first_mention) {
    for (size_t m = first_mention; m < out_.mentions.size(); ++m) {
      RawMention& r = out_.mentions[m];
      if (r.type != EntityType::kDocument || r.acronym) continue;
      uint32_t k = mention_tokens_[m].second;
      const uint32_t start = k;
      if (k + 3 < s.end_token && Is(k, "for") && Is(k + 1, "the") && Is(k + 2, "period")) k += 3;
      if (k < s.end_token && Is(k, "up") && k + 1 < s.end_token && Is(k + 1, "to")) {
        k += 2;
      } else if (k < s.end_token && (Is(k, "until") || Is(k, "till") || Is(k, "through") ||
                                     Is(k, "for"))) {
        k += 1;  // "... until 2030", "Work Plan for 2022"
      } else {
        continue;
      }
      if (k >= s.end_token || !ParseYear(Text(k))) continue;
      (void)start;
      const std::string horizon = Span(mention_tokens_[m].second, k + 1);
      r.form += " " + horizon;
      if (!r.body.empty()) r.body += " " + horizon;
      r.end = tokens_[k].end | place_bit_;
      mention_tokens_[m].second = k + 1;
    }
  }

  void ReadSentence(const Sentence& s) {
    BuildUnits(s);
    // A sentence in capitals is a headline or a shout: nothing reads as a name in it.
    int caps = 0, words = 0;
    for (const Unit& u : units_) {
      if (u.kind == UnitKind::kBreak && tokens_[u.tb].kind == TokenKind::kPunct) continue;
      ++words;
      if (tokens_[u.tb].Has(kAllCaps)) ++caps;
    }
    if (words >= 4 && caps * 10 >= words * 6) return;
    BuildChunks();
    MarkContexts(s);
    const size_t first_mention = out_.mentions.size();
    const size_t first_fact = out_.facts.size();
    for (ChunkInfo& c : chunks_) {
      if (c.suppressed) {
        // The descriptor still may hold a state or an acronym.
        continue;
      }
      Interpret(&c);
    }
    Appositions();
    ListedPosts(s, first_mention);
    LocativePlaces(s);
    LowerCasePlaceHeads(s);
    for (const ChunkInfo& c : chunks_) {
      if (c.person < 0) continue;
      for (const Post& p : c.posts) {
        out_.facts.push_back({.type = FactType::kHoldsPost,
                              .person = c.person,
                              .organization = p.org,
                              .title = p.title,
                              .sentence_begin = s.begin,
                              .sentence_end = s.end});
      }
    }
    ParentheticAliases(s, first_mention);
    DocumentHorizons(s, first_mention);
    if (triggers_) {
      Chairs(s, first_mention);
      MemberOf(s, first_mention);
    }
    (void)first_fact;
  }

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

}  // namespace

StoryReading ReadStory(const Story& story, const Gazetteer& gazetteer, ReadScratch* scratch) {
  if (IsRussianStory(story)) return ReadRussianStory(story, gazetteer, scratch);
  Reader r(story, gazetteer, scratch);
  return r.Run();
}

}  // namespace annals::extract
