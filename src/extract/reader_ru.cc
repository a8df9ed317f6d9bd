// The Russian reader (issue 25): names and posts of a Russian story, as
// ReadStory's StoryReading. Russian marks a name by capitals as English does,
// but inflects it, puts a body's qualifiers after its head in the genitive
// ("Совет министров рыболовства ССР") and writes initials before the
// surname ("В.Хромин"). Every word list lives in data/lang/ru/entity_*.tsv;
// inflected forms are matched by their Snowball stem (text/lang_data.h).
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "src/common/text.h"
#include "src/extract/lexicon.h"
#include "src/extract/reader_ru.h"
#include "src/text/lang_data.h"

namespace annals::extract {
namespace {

constexpr std::string_view kRu = "ru";

struct TitleWord {
  char kind = 0;  // 'p' post, 'r' rank, 'a' adjective before a post
  std::string nominative;
};

struct RuLexicon {
  std::unordered_map<std::string, TitleWord> titles;  // any form, lower case
  std::unordered_set<std::string> body_heads, place_heads, exercise_nouns, document_heads;  // stems
  std::unordered_set<std::string> state_prefixes;  // stems
  std::vector<std::pair<std::string, std::vector<std::string>>> state_adjectives;
  std::vector<std::string> verb_endings, adjective_forms, nominative_endings;
  std::unordered_set<std::string> named_heads;  // name keys of heads that name a body alone
  std::unordered_set<std::string> connectors, not_names, stopwords;
  std::vector<std::string> genitive_endings, surname_endings, patronymic_endings, adjective_endings;
  std::unordered_set<std::string> genitive_words;
};

// The Snowball stems and the name keys (tokens.h AppendInflectedKey) of a
// table's words: a word is of the table when its stem or its key is there
// (Snowball gives "ассамбле" and "ассамбл" for "ассамблея", "ассамблеи").
std::unordered_set<std::string> Stems(std::string_view table) {
  std::unordered_set<std::string> out;
  for (std::string_view w : text::LangWords(kRu, table)) {
    out.insert(text::Stem(kRu, w));
    std::string key = "=";
    AppendInflectedKey(w, &key);
    out.insert(key);
  }
  return out;
}

std::vector<std::string> Longest(std::string_view table) {
  std::vector<std::string> out;
  for (std::string_view w : text::LangWords(kRu, table)) out.emplace_back(w);
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

const RuLexicon& Lex() {
  static const RuLexicon lex = [] {
    RuLexicon l;
    for (const text::LangRow& row : text::LangRows(kRu, "entity_titles")) {
      if (row.size() < 2) continue;
      const char kind = row[0] == "post" ? 'p' : row[0] == "rank" ? 'r' : 'a';
      for (size_t i = 1; i < row.size(); ++i) {
        l.titles.emplace(std::string(row[i]), TitleWord{kind, std::string(row[1])});
      }
    }
    l.body_heads = Stems("entity_body_heads");
    l.place_heads = Stems("entity_place_heads");
    l.exercise_nouns = Stems("entity_exercise_nouns");
    l.document_heads = Stems("entity_document_heads");
    l.state_prefixes = Stems("entity_state_prefixes");
    l.verb_endings = Longest("entity_verb_endings");
    l.adjective_forms = Longest("entity_adjective_forms");
    l.nominative_endings = Longest("entity_nominative_endings");
    for (const text::LangRow& row : text::LangRows(kRu, "entity_body_heads")) {
      if (row.size() >= 2 && row[1] == "name") {
        std::string key;
        AppendInflectedKey(row[0], &key);
        l.named_heads.insert(key);
      }
    }
    for (const text::LangRow& row : text::LangRows(kRu, "entity_state_adjectives")) {
      if (row.size() < 2) continue;
      std::vector<std::string> names;
      for (size_t i = 1; i < row.size(); ++i) names.emplace_back(row[i] == "-" ? "" : row[i]);
      l.state_adjectives.emplace_back(std::string(row[0]), std::move(names));
    }
    for (std::string_view w : text::LangWords(kRu, "entity_connectors")) l.connectors.emplace(w);
    for (std::string_view w : text::LangWords(kRu, "entity_not_names")) l.not_names.emplace(w);
    for (std::string_view w : text::LangWords(kRu, "stopwords")) l.not_names.emplace(w);
    for (std::string_view w : text::LangWords(kRu, "entity_genitive_endings")) {
      if (w.starts_with('=')) {
        l.genitive_words.emplace(w.substr(1));
      } else {
        l.genitive_endings.emplace_back(w);
      }
    }
    l.surname_endings = Longest("entity_surname_endings");
    l.patronymic_endings = Longest("entity_patronymic_endings");
    l.adjective_endings = Longest("entity_adjective_endings");
    return l;
  }();
  return lex;
}

bool EndsWithAny(std::string_view w, const std::vector<std::string>& ends, size_t min_stem) {
  for (const std::string& e : ends) {
    if (w.size() >= e.size() + min_stem && w.ends_with(e)) return true;
  }
  return false;
}

// The first code point of a UTF-8 string is a Cyrillic capital (U+0400..U+042F).
bool CyrillicCapital(std::string_view w) {
  if (w.size() < 2) return false;
  const auto a = static_cast<unsigned char>(w[0]), b = static_cast<unsigned char>(w[1]);
  return (a == 0xD0 && b >= 0x80 && b <= 0xAF);
}

// "В.Хромин", "В.В.Петров": Cyrillic initials joined to a surname by dots.
bool InitialsAndSurname(std::string_view w) {
  size_t i = 0;
  int initials = 0;
  while (i + 3 <= w.size() && CyrillicCapital(w.substr(i)) && w[i + 2] == '.') {
    i += 3;
    ++initials;
  }
  if (initials == 0 || initials > 2 || i >= w.size() || !CyrillicCapital(w.substr(i))) return false;
  return w.size() - i >= 6 && w.find('.', i) == std::string_view::npos;
}

enum class Kind { kNone, kPerson, kBody, kPlace, kGazetteer, kAcronym };

struct Span {
  uint32_t b = 0, e = 0;  // tokens [b, e)
  int mention = -1;
};

class RuReader {
 public:
  RuReader(const Story& story, const Gazetteer& gaz, ReadScratch* scratch)
      : story_(story), gaz_(gaz), lex_(Lex()), tokens_(scratch->tokens),
        sentences_(scratch->sentences) {}

  StoryReading Run() {
    if (!story_.title.empty()) {
      ReadText(story_.title, kInTitle);
      out_.facts.clear();
    }
    ReadText(story_.text, 0);
    return std::move(out_);
  }

 private:
  void ReadText(std::string_view text, uint32_t place_bit) {
    text_ = text;
    place_bit_ = place_bit;
    Tokenize(text_, &tokens_);
    SplitSentences(text_, &tokens_, &sentences_);
    JoinInitials();
    lower_.assign(tokens_.size(), std::string());
    stem_.assign(tokens_.size(), std::string());
    inflected_.assign(tokens_.size(), std::string());
    keyed_.assign(tokens_.size(), 0);
    for (size_t k = 0; k < tokens_.size(); ++k) {
      if (tokens_[k].kind == TokenKind::kWord) AppendLower(Text(static_cast<uint32_t>(k)), &lower_[k]);
    }
    for (const Sentence& s : sentences_) ReadSentence(s);
  }

  // SplitSentences ends a sentence after a Cyrillic capital and a period
  // (tokens.h marks only Latin initials): "Генеральный секретарь Т. Петров"
  // would read as a person "Т" and a sentence of "Петров". A sentence that
  // ends so is joined to the next when that begins with a capitalized word.
  void JoinInitials() {
    size_t out = 0;
    for (size_t i = 0; i < sentences_.size(); ++i) {
      if (out > 0) {
        Sentence& prev = sentences_[out - 1];
        const Sentence& cur = sentences_[i];
        const uint32_t dot = prev.end_token - 1;
        const uint32_t first = cur.first_token;
        if (dot > prev.first_token && tokens_[dot].kind == TokenKind::kPunct &&
            TokenText(text_, tokens_[dot]) == "." && tokens_[dot - 1].kind == TokenKind::kWord &&
            tokens_[dot - 1].end == tokens_[dot].begin && Text(dot - 1).size() == 2 &&
            CyrillicCapital(Text(dot - 1)) && tokens_[first].kind == TokenKind::kWord &&
            CyrillicCapital(Text(first)) && !tokens_[first].Has(kNewlineBefore)) {
          prev.end_token = cur.end_token;
          prev.end = cur.end;
          tokens_[first].flags = static_cast<uint16_t>(tokens_[first].flags & ~kSentenceStart);
          continue;
        }
      }
      sentences_[out++] = sentences_[i];
    }
    sentences_.resize(out);
  }

  std::string_view Text(uint32_t k) const { return TokenText(text_, tokens_[k]); }
  const std::string& Lower(uint32_t k) const { return lower_[k]; }
  bool Word(uint32_t k) const { return k < end_ && tokens_[k].kind == TokenKind::kWord; }
  bool Cap(uint32_t k) const {
    return Word(k) && tokens_[k].Has(kCap) && CyrillicCapital(Text(k));
  }
  bool Acronym(uint32_t k) const {
    return Word(k) && tokens_[k].Has(kAllCaps) && !IsRomanNumeral(Lower(k));
  }
  bool Punct(uint32_t k, std::string_view p) const {
    return k < end_ && tokens_[k].kind == TokenKind::kPunct && Text(k) == p;
  }
  // The Snowball stem of the word at k, and "=" and its name key: made once
  // per token, as Of asks for them for every table it looks in (they were
  // a third of the reading of a Russian story, bench/lang_speed.sh).
  const std::string& Stem(uint32_t k) const {
    if (!keyed_[k]) MakeKeys(k);
    return stem_[k];
  }
  const std::string& InflectedKey(uint32_t k) const {
    if (!keyed_[k]) MakeKeys(k);
    return inflected_[k];
  }
  void MakeKeys(uint32_t k) const {
    stem_[k] = text::Stem(kRu, Lower(k));
    inflected_[k] = "=";
    AppendInflectedKey(Lower(k), &inflected_[k]);
    keyed_[k] = 1;
  }
  // The word at k is of a table made by Stems().
  bool Of(const std::unordered_set<std::string>& set, uint32_t k) const {
    if (!Word(k)) return false;
    return set.count(Stem(k)) != 0 || set.count(InflectedKey(k)) != 0;
  }
  bool BodyHead(uint32_t k) const { return Of(lex_.body_heads, k) || DocumentHead(k); }
  bool DocumentHead(uint32_t k) const { return Of(lex_.document_heads, k); }
  bool PlaceHead(uint32_t k) const { return Of(lex_.place_heads, k); }
  const TitleWord* Title(uint32_t k) const {
    if (!Word(k)) return nullptr;
    auto it = lex_.titles.find(Lower(k));
    return it == lex_.titles.end() ? nullptr : &it->second;
  }
  bool Genitive(uint32_t k) const {
    const std::string& w = Lower(k);
    if (!Cap(k) && EndsWithAny(w, lex_.verb_endings, 4)) return false;
    return lex_.genitive_words.count(w) != 0 || EndsWithAny(w, lex_.genitive_endings, 4);
  }
  bool Surname(uint32_t k) const {
    return Cap(k) && !tokens_[k].Has(kAllCaps) && EndsWithAny(Lower(k), lex_.surname_endings, 4) &&
           !EndsWithAny(Lower(k), lex_.adjective_endings, 4);
  }
  // A gazetteer entry found for the word at k is that word's own name, not
  // another that shares its key ("Виктора" is no form of a city "Виктория"):
  // the word starts with the name less its last letter.
  bool NameFormOf(uint32_t k, const GazetteerEntry& g) const {
    if (!IsCyrillicWord(Lower(k))) return true;
    for (const std::string& n : g.names) {
      std::string lower;
      AppendLower(n, &lower);
      if (lower.find(' ') != std::string::npos || !IsCyrillicWord(lower)) continue;
      if (lower.size() > 2) lower.resize(lower.size() - 2);
      if (Lower(k).starts_with(lower)) return true;
    }
    return false;
  }
  std::string SpanText(uint32_t b, uint32_t e) const {
    if (b >= e) return {};
    return text::Squeeze(text_.substr(tokens_[b].begin, tokens_[e - 1].end - tokens_[b].begin));
  }

  int Add(EntityType type, uint32_t b, uint32_t e, int gazetteer = -1, bool acronym = false) {
    RawMention m;
    m.type = type;
    m.begin = tokens_[b].begin | place_bit_;
    m.end = tokens_[e - 1].end | place_bit_;
    m.form = SpanText(b, e);
    m.gazetteer = gazetteer;
    m.acronym = acronym;
    out_.mentions.push_back(std::move(m));
    spans_.push_back({b, e, static_cast<int>(out_.mentions.size()) - 1});
    return spans_.back().mention;
  }

  // The longest gazetteer name starting at token k (words only), or 0 words.
  uint32_t GazetteerAt(uint32_t k, int* entry) const {
    uint32_t best = 0;
    std::string span;
    for (uint32_t n = 1; n <= 4 && Word(k + n - 1); ++n) {
      if (n > 1 && !Cap(k + n - 1) && !PlaceHead(k + n - 1)) break;
      int hit = gaz_.Find((tokens_[k].Has(kAllCaps) && n == 1 ? "#" : "") +
                          NameKey(SpanText(k, k + n)));
      // A city or state set in capitals ("МИНСК").
      if (hit < 0 && n == 1 && tokens_[k].Has(kAllCaps) && Lower(k).size() >= 10) {
        hit = gaz_.Find(NameKey(Lower(k)));
      }
      if (hit >= 0 && (n > 1 || (NameFormOf(k, gaz_.entry(hit)) &&
                               !(gaz_.entry(hit).type == EntityType::kPlace && BodyHead(k))))) {
        best = n;
        *entry = hit;
      }
    }
    return best;
  }

  // "Азербайджанская Республика": a state's adjective and a form of state,
  // 2 words, or 0.
  uint32_t StateAdjectiveAt(uint32_t k, int* entry) const {
    if (!Cap(k) || !Word(k + 1) || !Of(lex_.state_prefixes, k + 1)) return 0;
    const std::string& adj = Lower(k);
    for (const auto& [ending, names] : lex_.state_adjectives) {
      if (adj.size() <= ending.size() + 4 || !adj.ends_with(ending)) continue;
      const std::string stem = adj.substr(0, adj.size() - ending.size());
      for (const std::string& n : names) {
        const int hit = gaz_.Find(NameKey(stem + n));
        if (hit >= 0 && gaz_.entry(hit).type == EntityType::kCountry) {
          *entry = hit;
          return 2;
        }
      }
    }
    return 0;
  }

  // The tokens of a body's name whose head is at h, from b: the head's
  // genitive chain, capitalized words, connectors, a state's name and an
  // acronym, which ends it.
  uint32_t BodyEnd(uint32_t h) const {
    uint32_t k = h + 1, last = h + 1;
    while (k < end_) {
      if (Acronym(k)) return k + 1;
      if (Punct(k, "–") && Word(k + 1) && !Cap(k + 1) && Genitive(k + 1)) {
        k += 1;
        continue;
      }
      if (Punct(k, "«")) {
        const uint32_t q = QuoteEnd(k);
        if (q == k) break;
        last = k = q + 1;
        continue;
      }
      if (!Word(k)) break;
      if (Cap(k)) {
        int entry = -1;
        uint32_t n = GazetteerAt(k, &entry);
        if (n == 0 || gaz_.entry(entry).type != EntityType::kCountry) n = StateAdjectiveAt(k, &entry);
        if (n > 0) {
          // A state ends the name, unless a qualifier with a preposition
          // follows ("... Республики Армения по рыбным ресурсам").
          k += n;
          last = k;
          if (!(Word(k) && lex_.connectors.count(Lower(k)) != 0 && Word(k + 1) && !Cap(k + 1) &&
                Genitive(k + 1))) {
            return k;
          }
          continue;
        }
        // A capitalized word in the chain is in the genitive; one in the
        // nominative ("Григорий", "-ий", "-ый") starts the holder's name.
        if (InitialsAndSurname(Text(k)) || (Surname(k + 1) && !Genitive(k + 1)) || !Genitive(k) ||
            EndsWithAny(Lower(k), lex_.nominative_endings, 4)) {
          break;
        }
        last = ++k;
        continue;
      }
      if (lex_.connectors.count(Lower(k)) != 0 && Lower(k) != "и") {
        ++k;
        continue;
      }
      if (Genitive(k) && lex_.not_names.count(Lower(k)) == 0) {
        last = ++k;
        continue;
      }
      break;
    }
    return last;
  }

  // A post phrase at k: adjectives and post words, then the lower-case
  // genitive words that qualify it ("министр обороны"). 0 when none.
  uint32_t PostEnd(uint32_t k, std::string* nominative) const {
    uint32_t j = k;
    bool post = false;
    std::string nom;
    while (Word(j)) {
      const TitleWord* t = Title(j);
      if (t == nullptr) break;
      if (t->kind == 'r') return 0;
      if (t->kind == 'a') {
        // An adjective belongs to the post only before a post word
        // ("начальник Генерального штаба" ends at "начальник").
        uint32_t q = j;
        while (Word(q) && Title(q) != nullptr && Title(q)->kind == 'a') ++q;
        if (!Word(q) || Title(q) == nullptr || Title(q)->kind != 'p') break;
      }
      // The first post word and its adjectives in the nominative; the post
      // words after it ("заместитель Министра") stay as written.
      if (!nom.empty()) nom += ' ';
      nom += post ? std::string(Text(j)) : t->nominative;
      if (t->kind == 'p') post = true;
      ++j;
    }
    if (!post) return 0;
    while (Word(j) && !Cap(j) && !tokens_[j].Has(kAllCaps) && Genitive(j) && !Title(j)) {
      nom += ' ';
      nom += Text(j);
      ++j;
    }
    // "по делам Европы": a qualifier with a preposition stays in the post.
    if (Word(j) && lex_.connectors.count(Lower(j)) != 0 && Lower(j) == "по" && Word(j + 1)) {
      uint32_t q = j + 1;
      while (Word(q) && Genitive(q) && !Acronym(q)) ++q;
      if (q > j + 1) {
        nom += ' ' + SpanText(j, q);
        j = q;
      }
    }
    if (CyrillicCapital(Text(k)) && !nom.empty()) {
      std::string first;
      AppendUpperFirst(nom, &first);
      nom = first;
    }
    *nominative = nom;
    return j;
  }

  static void AppendUpperFirst(const std::string& s, std::string* out) {
    // Cyrillic lower-case а..п (D0 B0..BF) and р..я (D1 80..8F).
    if (s.size() >= 2) {
      const auto a = static_cast<unsigned char>(s[0]), b = static_cast<unsigned char>(s[1]);
      if (a == 0xD0 && b >= 0xB0 && b <= 0xBF) {
        out->push_back(static_cast<char>(0xD0));
        out->push_back(static_cast<char>(b - 0x20));
        out->append(s, 2);
        return;
      }
      if (a == 0xD1 && b >= 0x80 && b <= 0x8F) {
        out->push_back(static_cast<char>(0xD0));
        out->push_back(static_cast<char>(b + 0x20));
        out->append(s, 2);
        return;
      }
    }
    out->append(s);
  }

  // A person's name at k: initials and surname, or two or three capitalized
  // words (a patronymic in the middle). `announced`: a post or rank stands
  // just before. Returns the end token, or k when none.
  uint32_t PersonEnd(uint32_t k, bool announced) const {
    if (!Cap(k)) return k;
    if (InitialsAndSurname(Text(k))) return k + 1;
    // "В. Хромин": one capital, a period, a capitalized word.
    if (Text(k).size() == 2 && Punct(k + 1, ".") && Cap(k + 2) && !Title(k + 2)) {
      if (Text(k + 2).size() == 2 && Punct(k + 3, ".") && Cap(k + 4)) return k + 5;
      return k + 3;
    }
    if (lex_.not_names.count(Lower(k)) != 0 || BodyHead(k) || PlaceHead(k) || Title(k)) return k;
    int entry = -1;
    if (GazetteerAt(k, &entry) > 0) return k;
    if (Cap(k + 1) && !Acronym(k + 1) && !BodyHead(k + 1) && !Title(k + 1)) {
      if (Cap(k + 2) && EndsWithAny(Lower(k + 1), lex_.patronymic_endings, 3)) return k + 3;
      if (Surname(k + 1)) return k + 2;
      int e2 = -1;
      if (GazetteerAt(k + 1, &e2) > 0) return announced ? k + 1 : k;
      if (announced) return k + 2;
    }
    // A surname alone, unannounced: not one shaped as an adjective ("Заречский").
    const bool adjective_shape = EndsWithAny(Lower(k), lex_.adjective_forms, 4);
    if (announced || (Surname(k) && !adjective_shape && !tokens_[k].Has(kSentenceStart))) return k + 1;
    return k;
  }

  // The end of a quoted name «...» opening at k, or k.
  uint32_t QuoteEnd(uint32_t k) const {
    for (uint32_t j = k + 1; j < end_ && j <= k + 8; ++j) {
      if (Punct(j, "»")) return j;
    }
    return k;
  }

  struct Post {
    uint32_t b, e;
    std::string title;
  };

  void ReadSentence(const Sentence& s) {
    end_ = s.end_token;
    spans_.clear();
    posts_.clear();
    // A sentence in capitals is a headline or a shout: nothing reads as a name in it.
    int caps = 0, words = 0;
    for (uint32_t k = s.first_token; k < end_; ++k) {
      if (!Word(k)) continue;
      ++words;
      if (tokens_[k].Has(kAllCaps)) ++caps;
    }
    if (words >= 4 && caps * 10 >= words * 6) return;
    uint32_t announced_at = UINT32_MAX;  // token where a name announced by a post may start
    for (uint32_t k = s.first_token; k < end_;) {
      const Token& t = tokens_[k];
      if (t.kind == TokenKind::kPunct && Text(k) == "«") {
        const uint32_t q = QuoteEnd(k);
        if (q > k + 1 && Word(k + 1)) {
          bool year = false;
          for (uint32_t j = k + 1; j < q; ++j) year = year || tokens_[j].Has(kYearSuffix);
          const bool after_exercise = k > s.first_token && Word(k - 1) &&
                                      Of(lex_.exercise_nouns, k - 1);
          if (year || after_exercise) {
            const int m = Add(EntityType::kExercise, k + 1, q);
            out_.mentions[static_cast<size_t>(m)].quoted = true;
          } else if (k > s.first_token && (PlaceHead(k - 1) || BodyHead(k - 1)) && Cap(k + 1)) {
            // "Парк-отель «Каштан»": the head, its adjectives, the name.
            uint32_t b = k - 1;
            while (b > s.first_token && Word(b - 1) && !Title(b - 1) &&
                   (Cap(b - 1) || Lower(b - 1).find('-') != std::string::npos)) {
              --b;
            }
            if (Cap(b) || Lower(b).find('-') != std::string::npos) {
              const int whole = Add(EntityType::kPlace, b, q + 1);
              const int inner = Add(EntityType::kPlace, k + 1, q);
              out_.mentions[static_cast<size_t>(inner)].alias_of = whole;
              out_.mentions[static_cast<size_t>(inner)].quoted = true;
            }
          }
          k = q + 1;
          continue;
        }
      }
      if (t.kind != TokenKind::kWord) {
        if (announced_at == k && (Text(k) == "(" || Text(k) == ")")) announced_at = k + 1;
        ++k;
        continue;
      }
      if (int entry = -1; StateAdjectiveAt(k, &entry) > 0) {
        Add(EntityType::kCountry, k, k + 2, entry);
        if (announced_at == k) announced_at = k + 2;
        k += 2;
        continue;
      }
      std::string title;
      if (const uint32_t pe = PostEnd(k, &title); pe > k) {
        posts_.push_back({k, pe, title});
        announced_at = pe;
        k = pe;
        continue;
      }
      if (const TitleWord* tw = Title(k); tw != nullptr && tw->kind == 'r') {
        // A rank and its lower-case words ("генерала армии") announce a name.
        uint32_t e = k + 1;
        while (Word(e) && !Cap(e) && !tokens_[e].Has(kAllCaps) && Genitive(e)) ++e;
        announced_at = e;
        k = e;
        continue;
      }
      if (Acronym(k)) {
        int entry = -1;
        if (GazetteerAt(k, &entry) == 1) {
          Add(gaz_.entry(entry).type, k, k + 1, entry, true);
        } else {
          const int m = Add(EntityType::kOrganization, k, k + 1, -1, true);
          // "Комитет ... (КПР)": the acronym of the name before it.
          if (k >= 2 && Punct(k - 1, "(") && Punct(k + 1, ")")) {
            for (const Span& sp : spans_) {
              const RawMention& named = out_.mentions[static_cast<size_t>(sp.mention)];
              if (sp.e == k - 1 && named.type == EntityType::kOrganization && !named.acronym) {
                out_.mentions[static_cast<size_t>(m)].alias_of = sp.mention;
              }
            }
          }
        }
        if (announced_at == k) announced_at = k + 1;
        ++k;
        continue;
      }
      if (!Cap(k) && !BodyHead(k) && !PlaceHead(k)) {
        ++k;
        continue;
      }
      // A body or a named place: adjectives, then a head word.
      uint32_t h = k;
      // Adjectives, capitalized or after a capitalized one ("Северной
      // рыболовной ассамблеи"), or a capitalized word inside a
      // sentence before a capitalized head ("Бийик Кенгеша").
      while (h < k + 4 && Word(h) && !BodyHead(h) && !PlaceHead(h)) {
        const bool adjective = EndsWithAny(Lower(h), lex_.adjective_forms, 4) ||
                               Lower(h).find('-') != std::string::npos;
        if (Cap(h) ? !(adjective || (!tokens_[h].Has(kSentenceStart) && Cap(h + 1) && BodyHead(h + 1)))
                   : !(adjective && h > k)) {
          break;
        }
        ++h;
      }
      const bool lead_ok = Cap(k) && lex_.not_names.count(Lower(k)) == 0;
      int covering = -1;
      const uint32_t gaz_words = GazetteerAt(k, &covering);
      if (lead_ok && Word(h) && (BodyHead(h) || PlaceHead(h)) && k + gaz_words <= h) {
        const bool place = PlaceHead(h) && !BodyHead(h);
        const bool document = !place && DocumentHead(h);
        const uint32_t e = place ? h + 1 : BodyEnd(h);
        std::string head_key;
        AppendInflectedKey(Lower(k), &head_key);
        if ((e == k + 1 && lex_.named_heads.count(head_key) == 0) || Punct(e, "«")) {
          // A bare head ("Совета") names no body of its own; a head before
          // a quoted name is read with it.
          k = e;
          continue;
        }
        // A state's name inside the body ("Министерство рыболовства Республики Армения").
        for (uint32_t j = h + 1; j < e; ++j) {
          int entry = -1;
          if (Cap(j) && GazetteerAt(j, &entry) > 0) {
            const uint32_t n = GazetteerAt(j, &entry);
            if (j + n == e) Add(gaz_.entry(entry).type, j, e, entry);
            break;
          }
        }
        int parent = -1;
        // "ССР" after a body names its parent; not after "портов –
        // членов", where it is part of the name.
        bool dash = false;
        for (uint32_t j = k; j < e; ++j) dash = dash || Punct(j, "–");
        // Nor after a qualifier with a preposition ("по делам ССР").
        const bool qualifier = e - k >= 3 && Word(e - 3) && lex_.connectors.count(Lower(e - 3)) != 0;
        if (e - k >= 2 && Acronym(e - 1) && !dash && !qualifier) {
          int entry = -1;
          parent = GazetteerAt(e - 1, &entry) == 1
                       ? Add(gaz_.entry(entry).type, e - 1, e, entry, true)
                       : Add(EntityType::kOrganization, e - 1, e, -1, true);
        }
        const int m = Add(place      ? EntityType::kPlace
                          : document ? EntityType::kDocument
                                     : EntityType::kOrganization,
                          k, e);
        if (parent >= 0) {
          RawMention& r = out_.mentions[static_cast<size_t>(m)];
          r.parent = parent;
          r.body = SpanText(k, e - 1);
        }
        if (announced_at == k) announced_at = e;
        k = e;
        continue;
      }
      if (!Cap(k)) {
        ++k;
        continue;
      }
      int entry = -1;
      if (const uint32_t n = GazetteerAt(k, &entry); n > 0) {
        const GazetteerEntry& g = gaz_.entry(entry);
        const bool city_at_start = n == 1 && g.type == EntityType::kPlace &&
                                   ((tokens_[k].Has(kSentenceStart) && !Punct(k + 1, ",")) || Surname(k + 1));
        if (n == 1 && g.type == EntityType::kPlace && Surname(k + 1)) {
          const uint32_t pe = PersonEnd(k + 1, true);
          Add(EntityType::kPerson, k, pe);
          k = pe;
          continue;
        }
        if (!city_at_start && lex_.not_names.count(Lower(k)) == 0) {
          Add(g.type, k, k + n, entry);
          if (announced_at == k) announced_at = k + n;
        }
        k += n;
        continue;
      }
      if (const uint32_t pe = PersonEnd(k, announced_at == k); pe > k) {
        Add(EntityType::kPerson, k, pe);
        k = pe;
        continue;
      }
      ++k;
    }
    Facts(s);
  }

  const Span* SpanAt(uint32_t b) const {
    for (const Span& sp : spans_) {
      if (sp.b == b) return &sp;
    }
    return nullptr;
  }
  const Span* SpanEndingAt(uint32_t e) const {
    for (const Span& sp : spans_) {
      if (sp.e == e && out_.mentions[static_cast<size_t>(sp.mention)].type == EntityType::kPerson) {
        return &sp;
      }
    }
    return nullptr;
  }

  // holds_post: a post, the body or state it belongs to, and the person
  // named next ("Министр рыболовства Республики Армения В.Хромин") or before it
  // with a comma ("В.Хромин, министр обороны ...").
  void Facts(const Sentence& s) {
    // Last post first: "Секретарь Совета ..., Председатель Комитета ... Петр
    // Смирнов": a post followed by another gets the next one's holder.
    std::vector<int> holder(posts_.size(), -1);
    for (size_t pi = posts_.size(); pi-- > 0;) {
      const Post& p = posts_[pi];
      int org = -1;
      std::string title = p.title;
      uint32_t k = p.e;
      const Span* sp = SpanAt(k);
      // An organization's body with the organization's acronym after it:
      // the body is part of the post ("Председатель Военного комитета").
      if (sp != nullptr) {
        // A copy: a mention may be added below (the spans and mentions grow).
        const RawMention m = out_.mentions[static_cast<size_t>(sp->mention)];
        const Span whole = *sp;
        if (m.type == EntityType::kPerson) {
          // the person right after the post
        } else if (m.type == EntityType::kOrganization || m.type == EntityType::kCountry) {
          if (m.parent >= 0) {
            org = m.parent;
            // "Совета Рыболовной Ассамблеи ССР": a body of a body; the
            // post holds the first ("Председатель Совета"), the
            // organization is the second with its acronym.
            uint32_t inner = whole.e;
            for (uint32_t j = whole.b + 1; j + 1 < whole.e; ++j) {
              if (Cap(j) && BodyHead(j)) inner = j;
            }
            if (inner < whole.e) {
              while (inner - 1 > whole.b && Cap(inner - 1) && EndsWithAny(Lower(inner - 1), lex_.adjective_forms, 4)) {
                --inner;
              }
              title += " " + SpanText(whole.b, inner);
              org = Add(EntityType::kOrganization, inner, whole.e);
              out_.mentions[static_cast<size_t>(org)].parent = m.parent;
              out_.mentions[static_cast<size_t>(org)].body = SpanText(inner, whole.e - 1);
            } else {
              title += " " + m.body.str();
            }
          } else {
            org = whole.mention;
          }
          k = whole.e;
          // "Комитета ... (КПР) ССР": the body's acronym, then its parent's.
          if (m.parent < 0 && m.type == EntityType::kOrganization && Punct(k, "(") && Acronym(k + 1) &&
              Punct(k + 2, ")") && Acronym(k + 3)) {
            if (const Span* parent = SpanAt(k + 3)) {
              title += " " + m.form;
              org = parent->mention;
              k += 4;
            }
          }
          // "Северного совета ... (ССР) Виктор Садовьев": the acronym of the body.
          if (Punct(k, "(")) {
            // "(ССР)", "(МКРП, Комиссия)": the body's short names.
            for (uint32_t j = k + 1; j < end_ && j <= k + 6; ++j) {
              if (Punct(j, ")")) {
                k = j + 1;
                break;
              }
            }
          }
          // the acronym of a body is a span of its own, inside the body's
          sp = nullptr;
          for (const Span& x : spans_) {
            if (x.b == k && out_.mentions[static_cast<size_t>(x.mention)].type == EntityType::kPerson) sp = &x;
          }
        } else {
          continue;
        }
      }
      // "посол РФ в Армении Иван ...": where the holder serves.
      if (org >= 0 && sp == nullptr && Word(k) && Lower(k) == "в") {
        if (const Span* where = SpanAt(k + 1);
            where != nullptr && out_.mentions[static_cast<size_t>(where->mention)].type == EntityType::kCountry) {
          sp = SpanAt(where->e);
        }
      }
      // "Президенты Армении и Таджикистана Иван ... и Пётр ...": states
      // and holders in pairs, in order.
      if (org >= 0 && sp == nullptr && Word(k) && Lower(k) == "и" &&
          out_.mentions[static_cast<size_t>(org)].type == EntityType::kCountry) {
        std::vector<int> states = {org}, holders;
        uint32_t j = k;
        while (Word(j) && Lower(j) == "и") {
          const Span* st = SpanAt(j + 1);
          if (st == nullptr || out_.mentions[static_cast<size_t>(st->mention)].type != EntityType::kCountry) break;
          states.push_back(st->mention);
          j = st->e;
        }
        for (const Span* h = SpanAt(j); h != nullptr &&
             out_.mentions[static_cast<size_t>(h->mention)].type == EntityType::kPerson;) {
          holders.push_back(h->mention);
          if (!Word(h->e) || Lower(h->e) != "и") break;
          h = SpanAt(h->e + 1);
        }
        if (states.size() >= 2 && states.size() == holders.size()) {
          for (size_t i = 0; i < states.size(); ++i) {
            out_.facts.push_back({.type = FactType::kHoldsPost,
                                  .person = holders[i],
                                  .organization = states[i],
                                  .title = title,
                                  .sentence_begin = s.begin,
                                  .sentence_end = s.end});
          }
        }
        continue;
      }
      if (sp == nullptr && k < end_ && Title(k) != nullptr && Title(k)->kind == 'r') {
        uint32_t e = k + 1;
        while (Word(e) && !Cap(e) && Genitive(e)) ++e;
        sp = SpanAt(e);
      }
      int person = -1;
      if (sp != nullptr && out_.mentions[static_cast<size_t>(sp->mention)].type == EntityType::kPerson) {
        person = sp->mention;
      } else if (pi + 1 < posts_.size() && (Punct(k, ",") || Punct(k, "–")) && posts_[pi + 1].b == k + 1 &&
                 holder[pi + 1] >= 0) {
        person = holder[pi + 1];
      } else if (p.b > s.first_token && Punct(p.b - 1, ",")) {
        if (const Span* before = SpanEndingAt(p.b - 1)) person = before->mention;
      }
      if (person < 0) continue;
      holder[pi] = person;
      out_.facts.push_back({.type = FactType::kHoldsPost,
                            .person = person,
                            .organization = org >= 0 ? org : kStoryOrganization,
                            .title = title,
                            .sentence_begin = s.begin,
                            .sentence_end = s.end});
      // "министрами рыболовства Армении В.Хроминым, Таджикистана Р.Токтобыковым и
      // ...": more states, each with its holder, after the first.
      if (org < 0 || out_.mentions[static_cast<size_t>(org)].type != EntityType::kCountry || sp == nullptr) {
        continue;
      }
      for (uint32_t j = sp->e; j + 1 < end_;) {
        if (!Punct(j, ",") && !(Word(j) && Lower(j) == "и")) break;
        const Span* state = SpanAt(j + 1);
        if (state == nullptr || out_.mentions[static_cast<size_t>(state->mention)].type != EntityType::kCountry) break;
        const Span* holder = SpanAt(state->e);
        if (holder == nullptr || out_.mentions[static_cast<size_t>(holder->mention)].type != EntityType::kPerson) break;
        out_.facts.push_back({.type = FactType::kHoldsPost,
                              .person = holder->mention,
                              .organization = state->mention,
                              .title = title,
                              .sentence_begin = s.begin,
                              .sentence_end = s.end});
        j = holder->e;
      }
    }
  }

  const Story& story_;
  const Gazetteer& gaz_;
  const RuLexicon& lex_;
  std::vector<Token>& tokens_;
  std::vector<Sentence>& sentences_;
  std::vector<std::string> lower_;
  mutable std::vector<std::string> stem_, inflected_;  // Stem, InflectedKey
  mutable std::vector<char> keyed_;                    // 1 once MakeKeys(k) ran
  std::string_view text_;
  uint32_t place_bit_ = 0;
  uint32_t end_ = 0;
  std::vector<Span> spans_;
  std::vector<Post> posts_;
  StoryReading out_;
};

}  // namespace

bool IsRussianStory(const Story& story) {
  // The pipeline and the store give each story its language (Story::language);
  // a story built elsewhere (tests, callers of Relate) is detected here.
  if (!story.language.empty()) return story.language == kRu;
  return text::StoryLanguage(story.title, story.text) == kRu;
}

StoryReading ReadRussianStory(const Story& story, const Gazetteer& gazetteer, ReadScratch* scratch) {
  RuReader r(story, gazetteer, scratch);
  return r.Run();
}

}  // namespace annals::extract
