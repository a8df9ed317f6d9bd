#include "src/query/fts_query.h"

#include <vector>

#include "src/common/text.h"
#include "src/text/lang_data.h"

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

// A bare word of a language searched by stems (`search_stems` in its
// data/lang/LANG/language.tsv): the word or any word its stem begins
// ("Москва" finds "Москве", "Москвы"). The stem must keep three letters, or
// its prefix would match unrelated words. Other words as they are.
std::string StemmedTerm(std::string_view word) {
  const std::string lang = text::WordLanguage(word);
  if (lang.empty() || text::LanguageSetting(lang, "search_stems") != "yes") {
    return std::string(word);
  }
  const std::string lower = text::Fold(word);
  const std::string stem = text::Stem(lang, lower);
  if (stem == lower || text::CodePoints(stem) < 3 || !IsBare(stem)) return std::string(word);
  return "( " + std::string(word) + " OR " + stem + "* )";
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
                                                       : StemmedTerm(word);
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
  std::string fts;
  for (const std::string& t : out) {
    if (!fts.empty()) fts += ' ';
    fts += t;
  }
  return fts;
}

}  // namespace annals::query
