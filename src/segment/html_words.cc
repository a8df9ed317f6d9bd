#include "src/segment/html_words.h"

#include "src/common/lang_table.h"
#include "src/common/text.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace annals::segment {
namespace {

using text::Contains;

// The first column of table `name` in every folder of data/lang that has it
// (folders in sorted order, rows in file order).
std::vector<std::string_view> AllFolders(std::string_view name) {
  std::vector<std::string_view> out;
  for (const std::string& folder : lang::Folders()) {
    for (const lang::Row& row : lang::Rows(folder, name)) out.push_back(row[0]);
  }
  return out;
}

const std::vector<std::string_view>& BoxHeadings() {
  static const std::vector<std::string_view> kWords = AllFolders("html_box_headings");
  return kWords;
}

// A listing's heading words of one language: its first and its last word
// come from the same folder ("Other articles", "Weitere Artikel").
struct ListingHeadingWords {
  std::vector<std::string_view> first;
  std::vector<std::string_view> last;
};
const std::vector<ListingHeadingWords>& ListingHeadings() {
  static const std::vector<ListingHeadingWords> kWords = [] {
    std::vector<ListingHeadingWords> out;
    for (const std::string& folder : lang::Folders()) {
      ListingHeadingWords words;
      for (const lang::Row& row : lang::Rows(folder, "html_listing_headings")) {
        const std::string_view kind = row.size() >= 2 ? row[1] : std::string_view();
        if (kind == "first") words.first.push_back(row[0]);
        if (kind == "last") words.last.push_back(row[0]);
      }
      if (!words.first.empty() && !words.last.empty()) out.push_back(std::move(words));
    }
    return out;
  }();
  return kWords;
}

const std::vector<std::string_view>& SignUpVerbs() {
  static const std::vector<std::string_view> kWords = AllFolders("html_signup_verbs");
  return kWords;
}
const std::vector<std::string_view>& NewsletterNouns() {
  static const std::vector<std::string_view> kWords = AllFolders("html_newsletter_nouns");
  return kWords;
}
const std::vector<std::string_view>& FollowVerbs() {
  static const std::vector<std::string_view> kWords = AllFolders("html_follow_verbs");
  return kWords;
}
const std::vector<std::string_view>& SocialNetworks() {
  static const std::vector<std::string_view> kWords = AllFolders("html_social_networks");
  return kWords;
}

// Words of `folded` start with the words of `phrase`.
bool StartsWithWords(std::string_view folded, std::string_view phrase) {
  return text::StartsWith(folded, phrase) &&
         (folded.size() == phrase.size() || folded[phrase.size()] == ' ');
}

// A short paragraph with a sentence that opens with one of `verbs`, naming
// one of `nouns` (or, when `handle` is set, an @handle) anywhere.
bool IsCallToReader(std::string_view line, const std::vector<std::string_view>& verbs,
                    const std::vector<std::string_view>& nouns, bool handle) {
  if (line.size() > 400) return false;
  const std::string whole = text::Fold(line);
  bool noun = false;
  for (std::string_view w : nouns) noun |= Contains(whole, w);
  if (!noun && handle) {
    for (size_t at = line.find('@'); at != std::string_view::npos && !noun;
         at = line.find('@', at + 1)) {
      noun = (at == 0 || line[at - 1] == ' ') && at + 1 < line.size() &&
             std::isalnum(static_cast<unsigned char>(line[at + 1]));
    }
  }
  if (!noun) return false;
  size_t start = 0;
  while (start < line.size()) {
    size_t end = line.find_first_of(".!?", start);
    if (end == std::string_view::npos) end = line.size();
    const std::string f = text::Fold(line.substr(start, end - start));
    for (std::string_view w : verbs) {
      if (StartsWithWords(f, w)) return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

bool IsBoxHeading(std::string_view heading) {
  if (heading.size() > 200) return false;
  const std::string f = text::Fold(heading);
  if (f.empty()) return false;
  const size_t words = static_cast<size_t>(std::count(f.begin(), f.end(), ' ')) + 1;
  for (std::string_view w : BoxHeadings()) {
    if (f == w || (words <= 6 && StartsWithWords(f, w))) return true;
  }
  if (words < 2 || words > 6) return false;
  const std::string_view fv = f;
  const std::string_view first_word = fv.substr(0, fv.find(' '));
  const std::string_view last_word = fv.substr(fv.rfind(' ') + 1);
  for (const ListingHeadingWords& lw : ListingHeadings()) {
    if (std::find(lw.first.begin(), lw.first.end(), first_word) != lw.first.end() &&
        std::find(lw.last.begin(), lw.last.end(), last_word) != lw.last.end()) {
      return true;
    }
  }
  return false;
}

bool IsBoxLeadLine(std::string_view line) {
  line = text::Trim(line);
  while (!line.empty() && (line.front() == '[' || line.front() == '(')) line.remove_prefix(1);
  const size_t colon = line.find(':');
  std::string_view head =
      colon != std::string_view::npos && colon <= 48 ? line.substr(0, colon) : line;
  if (head.size() > 60) return false;
  const std::string f = text::Fold(head);
  return std::find(BoxHeadings().begin(), BoxHeadings().end(), f) != BoxHeadings().end();
}

bool IsNewsletterOrFollowLine(std::string_view line) {
  return IsCallToReader(line, SignUpVerbs(), NewsletterNouns(), false) ||
         IsCallToReader(line, FollowVerbs(), SocialNetworks(), true);
}

std::vector<std::string> ClassCuePatterns(std::span<const std::string_view> kinds) {
  std::vector<std::string> out(kinds.size());
  for (const std::string& folder : lang::Folders()) {
    for (const lang::Row& row : lang::Rows(folder, "html_class_cues")) {
      if (row.size() < 2 || row[0].empty()) continue;
      for (size_t k = 0; k < kinds.size(); ++k) {
        if (row[1] != kinds[k]) continue;
        if (!out[k].empty()) out[k] += '|';
        out[k] += row[0];
      }
    }
  }
  return out;
}

const std::vector<std::string_view>& DateKeyCues(std::string_view kind) {
  static const std::map<std::string_view, std::vector<std::string_view>, std::less<>> kCues = [] {
    std::map<std::string_view, std::vector<std::string_view>, std::less<>> out;
    for (const std::string& folder : lang::Folders()) {
      for (const lang::Row& row : lang::Rows(folder, "html_date_keys")) {
        if (row.size() >= 2 && !row[0].empty()) out[row[1]].push_back(row[0]);
      }
    }
    return out;
  }();
  static const std::vector<std::string_view> kNone;
  auto it = kCues.find(kind);
  return it == kCues.end() ? kNone : it->second;
}

}  // namespace annals::segment
