// The names in a sentence's chunks: emitted as mentions, typed by their
// heads, titles and context, people and their posts, appositions.
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

int Reader::Emit(RawMention m, uint32_t tb, uint32_t te) {
  m.begin = tokens_[tb].begin | place_bit_;
  m.end = tokens_[te - 1].end | place_bit_;
  out_.mentions.push_back(std::move(m));
  mention_tokens_.push_back({tb, te});
  return static_cast<int>(out_.mentions.size()) - 1;
}

int Reader::EmitGaz(const Unit& u) {
  const GazetteerEntry& e = gaz_.entry(u.gaz);
  RawMention m{.type = e.type, .form = Span(u.tb, u.te), .gazetteer = u.gaz};
  m.acronym = IsAcronymName(m.form);
  return Emit(std::move(m), u.tb, u.te);
}

bool Reader::IsAcronymUnit(const Unit& u) const {
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

bool Reader::HorizonAfter(uint32_t k) const {
  if (k + 1 < tokens_.size() && IsFact(k, kHorizon)) {
    return ParseYear(Text(k + 1)) != 0;
  }
  return k + 2 < tokens_.size() && Is(k, "up") && Is(k + 1, "to") && ParseYear(Text(k + 2)) != 0;
}

bool Reader::IsPersonWord(const Unit& u) const {
  if (u.kind != UnitKind::kName) return false;
  const Token& t = tokens_[u.tb];
  if (t.Has(kInitials)) return true;
  if (!t.Has(kCap) || t.Has(kAllCaps) || t.Has(kDotted) || t.Has(kYearSuffix)) return false;
  if (t.kind != TokenKind::kWord) return false;
  return !(IsOrganizationHead(u.lower) || IsDocumentHead(u.lower) || IsEventNoun(u.lower) || IsPlaceHead(u.lower) ||
           IsStopWord(u.lower) || IsOperationNoun(u.lower) || IsExerciseNoun(u.lower));
}

bool Reader::IsSurnameInCapitals(const Unit& u) const {
  if (u.kind != UnitKind::kName || u.te != u.tb + 1 || !tokens_[u.tb].Has(kAllCaps)) return false;
  if (u.lower.size() < 3 || IsRomanNumeral(u.lower) || IsWordInCapitals(u.lower)) return false;
  bool vowel = false;
  for (char c : u.lower) {
    if (c < 'a' || c > 'z') return false;
    vowel = vowel || std::string_view("aeiouy").find(c) != std::string_view::npos;
  }
  return vowel;
}

bool Reader::PersonLike(uint32_t b, uint32_t e) const {
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

bool Reader::TypeOf(uint32_t b, uint32_t e, EntityType* type, bool* anaphor) const {
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

void Reader::EmitInner(uint32_t b, uint32_t e) {
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

int Reader::AnalyzeName(uint32_t b, uint32_t e, ChunkInfo* chunk, bool whole_chunk) {
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

bool Reader::whole_chunk_name_ok(const std::vector<std::pair<uint32_t, uint32_t>>& parts) const {
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

int Reader::AnalyzeSimple(uint32_t b, uint32_t e, ChunkInfo* chunk, bool whole_chunk) {
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

uint32_t Reader::PersonTail(uint32_t b, uint32_t e) const {
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

uint32_t Reader::PortfolioEnd(uint32_t sb, uint32_t ne) const {
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

bool Reader::CompoundPost(ChunkInfo* c, size_t ti, const std::vector<uint32_t>& titles,
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

void Reader::Interpret(ChunkInfo* c) {
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

void Reader::MarkContexts(const Sentence& s) {
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

void Reader::Appositions() {
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

}  // namespace annals::extract::reader_internal
