// The units and chunks of a sentence: titles and gazetteer names matched
// at a token, capitalized words joined into units, units into chunks.
#include "src/extract/reader_internal.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace annals::extract::reader_internal {

uint32_t Reader::MatchTitle(uint32_t k, uint32_t end, std::string_view first, TitleKind* kind,
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

uint32_t Reader::MatchGazetteer(uint32_t k, uint32_t end, int* entry) const {
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
  const size_t first_key = key.size();
  if (k + 1 < end && tokens_[k + 1].kind == TokenKind::kPossessive) key += 's';
  const size_t sp = key.find(' ');
  const int most = gaz_.MaxWordsFrom(std::string_view(key).substr(0, sp));
  if (most == 0) return 0;
  // The walk below starts after word k, whose key is already there: word k
  // is a capitalized word (the test above), so it is looked up as the walk
  // would.
  key.resize(first_key);
  uint32_t best = 0;
  int words = 1;
  uint32_t j = k + 1;
  if (const int e = gaz_.Find(key); e >= 0) {
    best = 1;
    *entry = e;
  }
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

void Reader::BuildUnits(const Sentence& s) {
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

bool Reader::Joinable(uint32_t cb, uint32_t ce, uint32_t last, uint32_t next, bool has_prep,
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

bool Reader::StatesEndBody(uint32_t state) const {
  uint32_t k = state;
  while (k > 0 && units_[k - 1].kind == UnitKind::kConn) --k;
  if (k == state || k == 0 || units_[k].lower != "of") return false;
  return units_[k - 1].kind == UnitKind::kName;
}

bool Reader::CommaList(uint32_t j) const {
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

void Reader::BuildChunks() {
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

}  // namespace annals::extract::reader_internal
