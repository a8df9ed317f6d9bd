// Text helpers over UTF-8 shared by every stage (ICU underneath).
// Thread safety: all functions are reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annals::text {

// NFC-normalizes valid UTF-8. Returns false (and leaves *out alone) on invalid UTF-8.
bool NormalizeNfc(std::string_view in, std::string* out);
// NFC-normalizes valid UTF-8 in place: no copy when it is NFC already.
// Returns false (and leaves *text alone) on invalid UTF-8.
bool NormalizeNfc(std::string* text);

// True when `in` is valid UTF-8.
bool IsValidUtf8(std::string_view in);

// Folds no-break, thin and other Unicode spaces to ' ', drops zero-width and
// soft-hyphen characters and control characters other than '\n' and '\t',
// and turns "\r\n" / "\r" into "\n". Input must be valid UTF-8.
std::string FoldSpaces(std::string_view in);

// Trims ASCII whitespace at both ends.
std::string_view Trim(std::string_view s);

// Collapses runs of whitespace to one space and trims.
std::string Squeeze(std::string_view s);
// Appends Squeeze(s) to *out.
void AppendSqueezed(std::string_view s, std::string* out);

// Lower-cased (Unicode case folding) word tokens: runs of letters and digits.
std::vector<std::string> Tokens(std::string_view s);

// The xxHash of each token of Tokens(s), without building the strings.
std::vector<uint64_t> TokenHashes(std::string_view s);

// Hash of Fold(s), computed without building it.
uint64_t FoldHash(std::string_view s);
// FoldHash of a text whose TokenHashes are `token_hashes`.
uint64_t FoldHashOfTokens(const std::vector<uint64_t>& token_hashes);
// The seed of FoldHashOfTokens' XXH64 over the tokens in a row: for a caller
// that streams the tokens of several parts (deduplicator.cc, IdOfFolded).
inline constexpr uint64_t kFoldHashSeed = 0x464f4c44;

// Case-folded, punctuation-free form for comparing names and texts: the
// tokens joined by single spaces.
std::string Fold(std::string_view s);

// 64-bit xxHash of bytes.
uint64_t Hash64(std::string_view s, uint64_t seed = 0);

// Splits on '\n'.
std::vector<std::string_view> SplitLines(std::string_view s);

// The lines of SplitLines(s), one at a time, without a vector of them:
// `for (std::string_view line : Lines(s))`.
class Lines {
 public:
  explicit Lines(std::string_view s) : s_(s) {}
  class iterator {
   public:
    iterator(std::string_view s, size_t start) : s_(s), start_(start) { FindEnd(); }
    std::string_view operator*() const { return s_.substr(start_, end_ - start_); }
    iterator& operator++() {
      start_ = end_ + 1;
      FindEnd();
      return *this;
    }
    bool operator!=(const iterator& other) const { return start_ != other.start_; }

   private:
    void FindEnd() {
      if (start_ > s_.size()) return;
      end_ = s_.find('\n', start_);
      if (end_ == std::string_view::npos) end_ = s_.size();
    }
    std::string_view s_;
    size_t start_ = 0, end_ = 0;
  };
  iterator begin() const { return iterator(s_, 0); }
  iterator end() const { return iterator(s_, s_.size() + 1); }

 private:
  std::string_view s_;
};

bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// ASCII case-insensitive equality / prefix test.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// Words of `s` with a letter in them, words parted by spaces, newlines and
// , | : / ("Updated: 10:48, 3 July" has two).
int CountLetterWords(std::string_view s);
// `s` with ASCII letters lower-cased (other bytes as they are): for class
// names, attribute values and other markup words.
std::string AsciiLower(std::string_view s);
inline bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// From s[i] to the first byte that is not ASCII (returned, or s.size()),
// adds the count of ASCII letters (a-z, A-Z) to `letters`, eight bytes at a time.
size_t AsciiLetterRun(std::string_view s, size_t i, int* letters);

// Number of Unicode code points in valid UTF-8.
size_t CodePoints(std::string_view s);

// True when the first letter of s is an upper-case letter (Unicode).
bool StartsUpper(std::string_view s);

}  // namespace annals::text
