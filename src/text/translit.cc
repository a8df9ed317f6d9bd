#include "src/text/translit.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "src/text/lang_data.h"

namespace annals::text {
namespace {

std::unique_ptr<icu::Transliterator> Make(const char* id) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, st));
  if (U_FAILURE(st)) return nullptr;
  return t;
}

struct Transforms {
  // ICU transliterators keep state while they run: one set per thread.
  std::unique_ptr<icu::Transliterator> russian = Make("Russian-Latin/BGN");
  std::unique_ptr<icu::Transliterator> any = Make("Any-Latin");
  std::unique_ptr<icu::Transliterator> ascii = Make("Latin-ASCII");
};

bool HasCyrillic(std::string_view s) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0xD0 && b <= 0xD3) return true;
  }
  return false;
}

const std::vector<std::pair<std::string, std::string>>& Folds() {
  static const std::vector<std::pair<std::string, std::string>> folds = [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& lang : Languages()) {
      for (const LangRow& row : LangRows(lang, "translit_folds")) {
        if (row.empty() || row[0].empty()) continue;
        out.emplace_back(std::string(row[0]), row.size() > 1 ? std::string(row[1]) : std::string());
      }
    }
    return out;
  }();
  return folds;
}

}  // namespace

std::string ToLatin(std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(utf8);
  thread_local Transforms t;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (HasCyrillic(utf8) && t.russian) t.russian->transliterate(u);
  if (t.any) t.any->transliterate(u);
  if (t.ascii) t.ascii->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string LatinKey(std::string_view utf8) {
  const std::string latin = ToLatin(utf8);
  std::string key;
  bool space = false;
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      if (space && !key.empty()) key += ' ';
      space = false;
      key += c;
    } else if (c == ' ' || c == '.' || c == '-' || c == '\t') {
      space = true;
    }
    // Other marks (the BGN soft sign "'", quotes) are dropped.
  }
  for (const auto& [from, to] : Folds()) {
    size_t at = 0;
    while ((at = key.find(from, at)) != std::string::npos) {
      key.replace(at, from.size(), to);
      at += to.size();
    }
  }
  static const std::vector<std::string> endings = [] {
    std::vector<std::string> out;
    for (const std::string& lang : Languages()) {
      for (std::string_view e : LangWords(lang, "translit_endings")) out.emplace_back(e);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return out;
  }();
  std::string stemmed;
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string::npos) end = key.size();
    std::string_view w(key.data() + start, end - start);
    // Until none is left: "sergeiem" (Сергеем) -> "sergei" -> "serge" ->
    // "serg", as "sergei" (Sergei) -> "serge" -> "serg".
    for (bool cut = true; cut;) {
      cut = false;
      for (const std::string& e : endings) {
        if (w.size() >= e.size() + 3 && w.ends_with(e)) {
          w.remove_suffix(e.size());
          cut = true;
          break;
        }
      }
    }
    if (!stemmed.empty()) stemmed += ' ';
    stemmed += w;
    start = end + 1;
  }
  return stemmed;
}

std::string FromLatin(std::string_view lang, std::string_view latin) {
  if (latin.empty()) return "";
  for (char c : latin) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return "";
  }
  const std::string_view id = LanguageSetting(lang, "from_latin");
  if (id.empty()) return "";
  // One transliterator per transform and thread (they keep state while they run).
  thread_local std::map<std::string, std::unique_ptr<icu::Transliterator>, std::less<>> made;
  auto it = made.find(id);
  if (it == made.end()) it = made.emplace(std::string(id), Make(std::string(id).c_str())).first;
  if (!it->second) return "";
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(latin.data(), static_cast<int32_t>(latin.size())));
  it->second->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  for (char c : out) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return "";  // a letter left as it was
  }
  std::string back = ToLatin(out);
  if (back.size() != latin.size()) return "";
  for (size_t i = 0; i < back.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(back[i]) != lower(latin[i])) return "";
  }
  return out;
}

}  // namespace annals::text
