// The facts a sentence states beyond a person's post: posts listed for
// several states, chairs, members, aliases in parentheses, places,
// documents' horizons.
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

bool Reader::IsFact(uint32_t k, uint32_t classes) const {
  if (k >= tokens_.size()) return false;
  // The grammar's words are ASCII and short: lowered on the stack.
  const std::string_view w = Text(k);
  char lower[24];
  if (w.size() > sizeof lower) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return (FactWordClasses(std::string_view(lower, w.size())) & classes) != 0;
}

void Reader::ListedPosts(const Sentence& s, size_t first_mention) {
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

std::vector<int> Reader::MentionsIn(size_t first_mention, uint32_t tb, uint32_t te) const {
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

int Reader::YearBefore(uint32_t k) const {
  for (uint32_t j = k; j > 0; --j) {
    const Token& t = tokens_[j - 1];
    if (t.kind == TokenKind::kNumber) {
      const int y = ParseYear(Text(j - 1));
      if (y) return y;
    }
  }
  return 0;
}

int Reader::ChairYear(const Sentence& s, uint32_t trigger, uint32_t country_end) const {
  auto reference = [&](uint32_t k) {
    const int y = StoryYear();
    return y ? y : YearBefore(k);
  };
  // Right after the state: "for 2025", "in 2024", "last year", "this year".
  for (uint32_t k = country_end; k < s.end_token && k < country_end + 6; ++k) {
    if (tokens_[k].kind == TokenKind::kNumber) {
      if (const int y = ParseYear(Text(k))) return y;
    }
    if (k + 1 < s.end_token && IsFact(k + 1, kYearNoun)) {
      const int r = reference(k);
      if (IsFact(k, kYearBefore)) return r ? r - 1 : 0;
      if (IsFact(k, kYearSame)) return r;
      if (IsFact(k, kYearAfter)) return r ? r + 1 : 0;
    }
    if (tokens_[k].kind == TokenKind::kPunct && Text(k) != "," && Text(k) != "'") break;
  }
  // Before the trigger: "this year's presidency", "the 2024 chairmanship".
  for (uint32_t k = trigger; k > s.first_token && k + 5 > trigger; --k) {
    const uint32_t j = k - 1;
    if (tokens_[j].kind == TokenKind::kNumber) {
      if (const int y = ParseYear(Text(j))) return y;
    }
    if (IsFact(j, kYearNoun) && j > s.first_token) {
      const int r = reference(j);
      if (IsFact(j - 1, kYearBefore)) return r ? r - 1 : 0;
      if (IsFact(j - 1, kYearSame)) return r;
      if (IsFact(j - 1, kYearAfter)) return r ? r + 1 : 0;
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
  if (IsFact(trigger > 0 ? trigger - 1 : 0, kYearBefore)) {
    const int r = reference(trigger);
    return r ? r - 1 : 0;
  }
  return reference(s.first_token);
}

int Reader::OrgAfter(const std::vector<int>& ms, uint32_t k, uint32_t end) const {
  uint32_t j = k;
  if (j < end && IsFact(j, kOrgPreposition)) ++j; else return -1;
  if (j < end && Is(j, "the")) ++j;
  for (int m : ms) {
    if (MB(m) == j && TypeOfMention(m) == EntityType::kOrganization) return m;
  }
  return -1;
}

void Reader::Chairs(const Sentence& s, size_t first_mention) {
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
    const bool noun = IsFact(k, kChairNoun);
    const bool verb = IsFact(k, kChairVerb);
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
          if (IsFact(v, kTakeVerb)) {
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

void Reader::MemberOf(const Sentence& s, size_t first_mention) {
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
                        IsFact(j, kListGlue);
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
    if (IsFact(k, kIncludeVerb)) {
      int org = -1;
      for (int m : ms) {
        if (ME(m) <= k && TypeOfMention(m) == EntityType::kOrganization) org = m;
      }
      // "The bloc includes six countries: A, B, ...": the organization
      // of the story, named by a common noun.
      if (org < 0 && k > s.first_token &&
          IsFact(k - 1, kStoryOrgNoun)) {
        org = kStoryOrganization;
      }
      if (org == -1) continue;
      for (uint32_t j = k + 1; j < s.end_token && j < k + 7; ++j) {
        if (IsFact(j, kStatePlural)) {
          std::vector<int> list = list_from(j + 1);
          if (list.size() >= 2) emit(list, org);
          break;
        }
      }
    }
    // "member states of the ORG are A, B", "the ORG member states: A, B".
    if (IsFact(k, kMembersNoun) ||
        (IsFact(k, kMemberStates) && k > 0 && IsFact(k - 1, kMemberNoun))) {
      int org = -1;
      uint32_t j = k + 1;
      if (j < s.end_token && Is(j, "of")) {
        org = OrgAfter(ms, j, s.end_token);
        if (org >= 0) j = ME(org);
      } else {
        const uint32_t head = IsFact(k, kMembersNoun) ? k : k - 1;
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
    if (IsFact(k, kMemberNoun) && k >= s.first_token + 2 && Is(k - 1, "a") &&
        IsFact(k - 2, kBeVerb)) {
      uint32_t j = k + 1;
      if (j < s.end_token && IsFact(j, kStateNoun)) ++j;
      const int org = OrgAfter(ms, j, s.end_token);
      if (org < 0) continue;
      int country = -1;
      for (int m : ms) {
        if (ME(m) == k - 2 && TypeOfMention(m) == EntityType::kCountry) country = m;
      }
      const uint32_t subject = s.first_token;
      if (country < 0 && k - 2 == subject + 2 && Is(subject, "the") &&
          IsFact(subject + 1, kStateNoun)) {
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
    if (IsFact(k, kJoinVerb)) {
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
    if (IsFact(k, kFoundVerb)) {
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

std::vector<int> Reader::RunBefore(const std::vector<int>& list, uint32_t k) const {
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

void Reader::ParentheticAliases(const Sentence& s, size_t first_mention) {
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

void Reader::LocativePlaces(const Sentence& s) {
  for (ChunkInfo& c : chunks_) {
    if (c.main >= 0 || c.person >= 0 || c.forced || c.ue - c.ub != 1) continue;
    const Unit& u = units_[c.ub];
    if (u.kind != UnitKind::kName || !IsPersonWord(u) || tokens_[u.tb].Has(kInitials)) continue;
    if (u.tb == 0 || !IsFact(u.tb - 1, kLocative)) continue;
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

void Reader::LowerCasePlaceHeads(const Sentence& s) {
  for (ChunkInfo& c : chunks_) {
    if (c.main >= 0 || c.person >= 0 || c.forced || c.ue - c.ub > 2) continue;
    bool plain = true;
    for (uint32_t u = c.ub; u < c.ue; ++u) plain = plain && IsPersonWord(units_[u]);
    const uint32_t tb = TokB(c.ub), te = TokE(c.ue);
    if (!plain || te >= s.end_token || !tokens_[te].Has(kLower)) continue;
    if (!IsFact(te, kPlaceSuffix)) {
      continue;
    }
    c.main = Emit({.type = EntityType::kPlace, .form = Span(tb, te + 1)}, tb, te + 1);
  }
}

void Reader::DocumentHorizons(const Sentence& s, size_t first_mention) {
  for (size_t m = first_mention; m < out_.mentions.size(); ++m) {
    RawMention& r = out_.mentions[m];
    if (r.type != EntityType::kDocument || r.acronym) continue;
    uint32_t k = mention_tokens_[m].second;
    const uint32_t start = k;
    if (k + 3 < s.end_token && Is(k, "for") && Is(k + 1, "the") && Is(k + 2, "period")) k += 3;
    if (k < s.end_token && Is(k, "up") && k + 1 < s.end_token && Is(k + 1, "to")) {
      k += 2;
    } else if (k < s.end_token && IsFact(k, kHorizon)) {
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

}  // namespace annals::extract::reader_internal
