#include "src/query/fts_query.h"

#include <algorithm>
#include <vector>

#include "src/common/text.h"
#include "src/text/lang_data.h"
#include "src/text/translit.h"

namespace annals::query {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A byte FTS5 accepts in a bare word: ASCII letters and digits, '_', and any
// byte of a non-ASCII character (the unicode61 tokenizer splits those itself).
bool IsBareByte(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_';
}

// A letter or digit: ASCII ones, or (coarsely) any non-ASCII character.
bool HasWordByte(std::string_view w) {
  for (char c : w) {
    if (IsBareByte(c) && c != '_') return true;
  }
  return false;
}

bool IsBare(std::string_view w) {
  for (char c : w) {
    if (!IsBareByte(c)) return false;
  }
  return true;
}

// An FTS5 string: the text in double quotes, its quotes doubled.
std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// For a bare word of a language searched by stems (`search_stems` in its
// data/lang/LANG/language.tsv): the prefix "stem*" that finds the word's
// other forms ("Прага" finds "Праге", "Праги"). The stem must keep three
// letters, or its prefix would match unrelated words. "" for other words.
std::string StemPrefix(std::string_view word) {
  const std::string lang = text::WordLanguage(word);
  if (lang.empty() || text::LanguageSetting(lang, "search_stems") != "yes") return "";
  const std::string lower = text::Fold(word);
  const std::string stem = text::Stem(lang, lower);
  if (stem == lower || text::CodePoints(stem) < 3 || !IsBare(stem)) return "";
  return stem + "*";
}

// The forms of a name of language `lang` by its `search_name_forms` table:
// the longest end that fits replaced by each of its forms ("Петров" ->
// "Петров", "Петрова", ...); the word alone when the language has no table.
std::vector<std::string> NameForms(std::string_view lang, const std::string& word) {
  const text::LangRow* best = nullptr;
  const text::LangRow* none = nullptr;
  for (const text::LangRow& row : text::LangRows(lang, "search_name_forms")) {
    if (row.size() < 2) continue;
    if (row[0] == "-") {
      none = &row;
    } else if (word.size() > row[0].size() && word.ends_with(row[0]) &&
               (best == nullptr || row[0].size() > (*best)[0].size())) {
      best = &row;
    }
  }
  const text::LangRow* use = best != nullptr ? best : none;
  if (use == nullptr) return {word};
  const std::string stem = word.substr(0, word.size() - (best != nullptr ? (*best)[0].size() : 0));
  std::vector<std::string> out;
  std::string_view forms = (*use)[1];
  while (!forms.empty()) {
    const size_t sp = forms.find(' ');
    std::string_view f = forms.substr(0, sp);
    forms = sp == std::string_view::npos ? std::string_view() : forms.substr(sp + 1);
    if (f.empty()) continue;
    std::string form = stem + std::string(f == "-" ? std::string_view() : f);
    if (std::find(out.begin(), out.end(), form) == out.end()) out.push_back(std::move(form));
  }
  return out;
}

// A capitalized word is read as a name that may be written in another script
// or case (issue 25). In Latin letters, when it reads as a romanized word of
// a language written in another script (text::FromLatin: "Petrov" reads as
// "Петров"), it is searched in that script too, in the cases of a name, so
// that a Latin query finds a story that names the person only in Cyrillic.
// In another script, it is searched in the cases of a name of its language
// ("Хромин" finds "Хроминым", which the stem does not) and in its Latin
// letters (text::ToLatin: "Хромин" finds "Khromin"). Lower-case words are
// left alone: "net" and "more" read as Russian words ("нет", "море") that
// the user did not mean; a name is typed with its capital. Other words as
// the word and its stem prefix give them. `budget` bounds the alternatives of one query.
std::string SearchTerm(std::string_view word, size_t* budget) {
  std::vector<std::string> alternatives = {std::string(word)};
  const std::string prefix = StemPrefix(word);
  if (!prefix.empty()) alternatives.push_back(prefix);
  const size_t plain = alternatives.size();
  auto add = [&](std::string f) {
    if (IsBare(f) && std::find(alternatives.begin(), alternatives.end(), f) == alternatives.end()) {
      alternatives.push_back(std::move(f));
    }
  };
  if (*budget > 0 && text::CodePoints(word) >= 3 && text::StartsUpper(word)) {
    const std::string lang = text::WordLanguage(word);
    if (text::LanguageSetting(lang, "script") == "Latin") {
      for (const std::string& other : text::Languages()) {
        const std::string spelled = text::FromLatin(other, word);
        if (spelled.empty()) continue;
        for (std::string& f : NameForms(other, spelled)) add(std::move(f));
      }
    } else if (!lang.empty() && !text::LangRows(lang, "search_name_forms").empty()) {
      // The stem's prefix finds the cases already when there is one.
      if (prefix.empty()) {
        for (std::string& f : NameForms(lang, std::string(word))) add(std::move(f));
      }
      add(text::ToLatin(word));
    }
    const size_t added = alternatives.size() - plain;
    *budget = added < *budget ? *budget - added : 0;
  }
  if (alternatives.size() == 1) return alternatives[0];
  std::string out = "(";
  for (size_t i = 0; i < alternatives.size(); ++i) {
    out += (i == 0 ? " " : " OR ") + alternatives[i];
  }
  return out + " )";
}

}  // namespace

Result<std::string> ToFtsQuery(std::string_view query, const FtsQueryLimits& limits) {
  if (query.size() > limits.max_bytes) {
    return Fail(ErrorCode::kInvalidInput, "the query is " + std::to_string(query.size()) +
                                              " bytes long; at most " +
                                              std::to_string(limits.max_bytes) + " are searched");
  }
  std::vector<std::string> out;
  size_t terms = 0;
  size_t cross_script = limits.max_cross_script_terms;
  auto add_term = [&](std::string term) {
    ++terms;
    out.push_back(std::move(term));
  };
  size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (c == '(' || c == ')') {
      out.emplace_back(1, c);
      ++i;
      continue;
    }
    if (c == '"') {
      const size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) {
        return Fail(ErrorCode::kInvalidInput, "a phrase has no closing quote (\")");
      }
      std::string term = Quoted(query.substr(i + 1, close - i - 1));
      i = close + 1;
      if (i < query.size() && query[i] == '*') {
        term += '*';
        while (i < query.size() && query[i] == '*') ++i;
      }
      add_term(std::move(term));
      continue;
    }
    size_t e = i;
    while (e < query.size() && !IsSpace(query[e]) && query[e] != '(' && query[e] != ')' &&
           query[e] != '"') {
      ++e;
    }
    std::string_view word = query.substr(i, e - i);
    i = e;
    if (word == "AND" || word == "OR" || word == "NOT") {
      if (word == "NOT" && !out.empty() && out.back() == "AND") {
        out.back() = "NOT";  // "a AND NOT b": FTS5 writes it "a NOT b"
      } else {
        out.emplace_back(word);
      }
      continue;
    }
    bool prefix = false;
    while (!word.empty() && word.back() == '*') {
      word.remove_suffix(1);
      prefix = true;
    }
    if (word.empty()) {
      return Fail(ErrorCode::kInvalidInput,
                  "a \"*\" stands alone; write it at the end of a word's beginning: meet*");
    }
    if (!HasWordByte(word)) continue;
    // NEAR is FTS5 syntax when a "(" follows; here it is a word like any other.
    std::string term = !IsBare(word) || word == "NEAR" ? Quoted(word)
                       : prefix                        ? std::string(word)
                                                       : SearchTerm(word, &cross_script);
    if (prefix) term += '*';
    add_term(std::move(term));
  }
  if (terms > limits.max_terms) {
    return Fail(ErrorCode::kInvalidInput, "the query has " + std::to_string(terms) +
                                              " words and phrases; at most " +
                                              std::to_string(limits.max_terms) + " are searched");
  }
  if (terms == 0) {
    return Fail(ErrorCode::kInvalidInput, "the query has no word to search");
  }
  // FTS5 reads two terms side by side as AND, but not a term beside a group
  // ("a ( b OR c )" is a syntax error): there the AND is written out.
  auto is_op = [](const std::string& t) { return t == "AND" || t == "OR" || t == "NOT"; };
  auto is_group = [](const std::string& t) { return t == "(" || t == ")" || t.starts_with("( "); };
  std::string fts;
  for (size_t k = 0; k < out.size(); ++k) {
    if (k > 0) {
      const std::string& a = out[k - 1];
      const std::string& b = out[k];
      if (!is_op(a) && a != "(" && !is_op(b) && b != ")" && (is_group(a) || is_group(b))) {
        fts += " AND";
      }
      fts += ' ';
    }
    fts += out[k];
  }
  return fts;
}

}  // namespace annals::query
