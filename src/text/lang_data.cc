#include "src/text/lang_data.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "src/common/text.h"

namespace annals::text {

namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

}  // namespace

const std::vector<LangRow>& LangRows(std::string_view lang, std::string_view name) {
  return lang::Rows(lang, name);
}

std::vector<std::string_view> LangWords(std::string_view lang, std::string_view name) {
  std::vector<std::string_view> out;
  for (const LangRow& row : LangRows(lang, name)) out.push_back(row[0]);
  return out;
}

std::vector<std::string> Languages() { return lang::Languages(); }

std::string_view LanguageSetting(std::string_view lang, std::string_view key) {
  for (const LangRow& row : LangRows(lang, "language")) {
    if (row.size() >= 2 && row[0] == key) return row[1];
  }
  return {};
}

std::string WordLanguage(std::string_view word) {
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(word.size());
  std::string script;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode err = U_ZERO_ERROR;
    const UScriptCode code = uscript_getScript(c, &err);
    if (U_FAILURE(err)) return "";
    const char* name = uscript_getName(code);
    if (script.empty()) {
      script = name;
    } else if (script != name) {
      return "";
    }
  }
  if (script.empty()) return "";
  std::string found;
  for (const std::string& lang : Languages()) {
    if (LanguageSetting(lang, "script") != script) continue;
    if (!found.empty()) return "";
    found = lang;
  }
  return found;
}

std::string DetectLanguage(std::string_view utf8) {
  constexpr size_t kMaxBytes = 64 * 1024;
  constexpr int kMinLetters = 20;
  if (utf8.size() > kMaxBytes) {
    size_t cut = kMaxBytes;
    // Back to a character boundary.
    while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;
    utf8 = utf8.substr(0, cut);
  }
  std::map<std::string, int, std::less<>> letters;  // script name -> letters
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(utf8.size());
  int latin = 0, cyrillic = 0;  // counted apart from ICU: most letters are these
  while (i < n) {
    if (s[i] < 0x80) {  // ASCII: a letter is Latin
      i = static_cast<int32_t>(AsciiLetterRun(utf8, static_cast<size_t>(i), &latin));
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0x0410 && c <= 0x044F) {  // А..я, the Cyrillic letters of most words
      ++cyrillic;
      continue;
    }
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &err);
    if (U_FAILURE(err)) continue;
    ++letters[uscript_getName(script)];
  }
  if (latin > 0) letters[uscript_getName(USCRIPT_LATIN)] += latin;
  if (cyrillic > 0) letters[uscript_getName(USCRIPT_CYRILLIC)] += cyrillic;
  // The script with most letters among those some language is written in.
  std::string best_script;
  int best_letters = 0;
  std::vector<std::string> candidates;
  for (const std::string& lang : Languages()) {
    std::string_view script = LanguageSetting(lang, "script");
    auto it = letters.find(script);
    int count = it == letters.end() ? 0 : it->second;
    if (count > best_letters) best_letters = count, best_script = std::string(script);
  }
  if (best_letters < kMinLetters) return "";
  for (const std::string& lang : Languages()) {
    if (LanguageSetting(lang, "script") == best_script) candidates.push_back(lang);
  }
  if (candidates.size() == 1) return candidates[0];
  // Several languages share the script: the one whose stop words are most
  // frequent (ties: the first in sorted order).
  std::vector<std::string> words = Tokens(utf8);
  std::string best;
  int best_hits = -1;
  for (const std::string& lang : candidates) {
    std::vector<std::string_view> stop = LangWords(lang, "stopwords");
    std::set<std::string_view> set(stop.begin(), stop.end());
    int hits = 0;
    for (const std::string& w : words) hits += set.count(w) ? 1 : 0;
    if (hits > best_hits) best_hits = hits, best = lang;
  }
  return best;
}

std::string StoryLanguage(std::string_view title, std::string_view text) {
  constexpr size_t kEnough = 16 * 1024;
  std::string both;
  both.reserve(title.size() + 1 + std::min(text.size(), kEnough));
  both.append(title).push_back('\n');
  both.append(text.substr(0, std::min(text.size(), kEnough)));
  return DetectLanguage(both);
}

std::string Stem(std::string_view lang, std::string_view lower_word) {
  thread_local std::unordered_map<std::string, std::unique_ptr<sb_stemmer, StemmerDeleter>>
      stemmers;
  auto it = stemmers.find(std::string(lang));
  if (it == stemmers.end()) {
    std::string algorithm(LanguageSetting(lang, "stemmer"));
    sb_stemmer* made = algorithm.empty() ? nullptr : sb_stemmer_new(algorithm.c_str(), "UTF_8");
    it = stemmers.emplace(std::string(lang), std::unique_ptr<sb_stemmer, StemmerDeleter>(made))
             .first;
  }
  sb_stemmer* stemmer = it->second.get();
  if (stemmer == nullptr || lower_word.empty()) return std::string(lower_word);
  const sb_symbol* out = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                         static_cast<int>(lower_word.size()));
  if (out == nullptr) return std::string(lower_word);  // out of memory
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace annals::text
