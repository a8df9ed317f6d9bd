// The keys that join the forms of a name: heads, last words, transliterations,
// connectors folded, persons' names parsed.
#include "src/extract/resolve_internal.h"

namespace annals::extract::resolve_internal {

bool AllCapsWord(std::string_view w) {
  int upper = 0;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 2;
}

std::string HeadKey(const std::string& key) {
  size_t start = 0, last = 0;
  while (start < key.size()) {
    size_t sp = key.find(' ', start);
    if (sp == std::string::npos) sp = key.size();
    const std::string w = key.substr(start, sp - start);
    if (start > 0 && IsConnector(w)) break;
    last = start;
    start = sp + 1;
  }
  const size_t end = key.find(' ', last);
  return key.substr(last, end == std::string::npos ? std::string::npos : end - last);
}

std::string TransliterationKey(std::string_view w) {
  if (w.size() < 3) return std::string(w);
  std::string out(1, w[0]);
  for (size_t i = 1; i < w.size(); ++i) {
    char c = w[i];
    if (c == 'h' && out.back() == 'k' && out.size() > 1) {
      out.back() = 'h';
      continue;
    }
    if (c == 's' && out.back() == 'k' && out.size() > 1) {
      out.back() = 'x';
      continue;
    }
    if (c == 'y') c = 'i';
    // "-iev" (from "-yev") after a vowel is "-ev"; after an e, one e
    // ("-eyev" as "-eev", whose doubled e is one below).
    if (c == 'e' && out.back() == 'i' && out.size() > 1 && i + 1 < w.size() && w[i + 1] == 'v' &&
        std::string_view("aeiou").find(out[out.size() - 2]) != std::string_view::npos) {
      out.pop_back();
      if (out.back() != 'e') out += 'e';
      continue;
    }
    if (c == out.back() && out.size() > 1) continue;
    out += c;
  }
  return out;
}

std::string ConnectorKey(const std::string& key) {
  if (key.find(" for ") == std::string::npos && key.find(" on ") == std::string::npos &&
      key.find(" of ") == std::string::npos) {
    return {};
  }
  std::vector<std::string> w;
  size_t start = 0;
  while (start <= key.size()) {
    const size_t sp = key.find(' ', start);
    w.push_back(key.substr(start, sp == std::string::npos ? std::string::npos : sp - start));
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  for (size_t i = 1; i < w.size(); ++i) {
    if (w[i] == "for" || w[i] == "on") w[i] = "of";
  }
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    // "ministers of defense" -> "defense ministers" (one word after "of").
    if (w[i] == "ministers" && i + 2 < w.size() && w[i + 1] == "of" &&
        (i + 3 == w.size() || w[i + 3] == "of")) {
      out += (out.empty() ? "" : " ") + w[i + 2] + " ministers";
      i += 2;
      continue;
    }
    out += (out.empty() ? "" : " ") + w[i];
  }
  return out;
}

bool IsOtherInitial(std::string_view form, const std::vector<Token>& toks, size_t i) {
  std::string_view w = TokenText(form, toks[i]);
  if (w.empty() || static_cast<unsigned char>(w[0]) < 0x80 || text::CodePoints(w) != 1 ||
      !text::StartsUpper(w) || i + 1 >= toks.size()) {
    return false;
  }
  const Token& dot = toks[i + 1];
  return dot.kind == TokenKind::kPunct && dot.begin == toks[i].end &&
         TokenText(form, dot) == ".";
}

PersonName ParsePerson(const std::string& form, bool fold) {
  PersonName p;
  std::vector<Token> toks;
  Tokenize(form, &toks);
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind != TokenKind::kWord) continue;
    std::string_view w = TokenText(form, t);
    if (t.Has(kInitials)) {
      for (char c : w) {
        if (c >= 'A' && c <= 'Z') p.initials.push_back(std::string(1, c));
      }
    } else if (IsOtherInitial(form, toks, i)) {
      p.initials.emplace_back(w);
    } else {
      std::string k;
      AppendTokenKey(w, &k);
      p.words.push_back(fold ? TransliterationKey(k) : k);
    }
  }
  return p;
}

std::string Upper1(const std::string& lower_word) {
  if (lower_word.empty()) return {};
  char c = lower_word[0];
  if (static_cast<unsigned char>(c) < 0x80) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    return std::string(1, c);
  }
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(lower_word);
  std::string out;
  icu::UnicodeString(u_toupper(u.char32At(0))).toUTF8String(out);
  return out;
}

}  // namespace annals::extract::resolve_internal
