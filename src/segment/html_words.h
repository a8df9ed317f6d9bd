// The words that tell the boxes beside an HTML page's article (issue 21,
// language as data): the headings of related and recommended stories, of
// newsletter sign-ups and of the author's biography, the lead words of a
// "Read more: <link>" line, and the calls to sign up or follow. The words are
// the rows of the data/lang/LANG/html_*.tsv tables (their header comments
// say what each means), read from every folder that has them and matched
// whatever language the page says it is in (pages often say none, or the
// wrong one), in their folded form (text::Fold: case-folded words joined by
// one space). Adding a language's words is adding these tables to its folder.
// Thread safety: reentrant; the tables are read once, on first use.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace annals::segment {

// A heading of a box that is no article text: a html_box_headings phrase, or
// at most six words that start with one ("More from the science desk"), or
// two to six words whose first and last word are a listing heading's of one
// language (html_listing_headings: "Other articles"). Up to 200 bytes.
bool IsBoxHeading(std::string_view heading);

// "Read more: <a story's headline>", "[Related: ...]": a html_box_headings
// phrase before a colon (within 48 bytes), or alone on its line.
bool IsBoxLeadLine(std::string_view line);

// "Sign up for our newsletter ...", "Follow us on Twitter @handle": a line
// of at most 400 bytes with a sentence that opens with a html_signup_verbs
// phrase and a html_newsletter_nouns word anywhere, or that opens with a
// html_follow_verbs phrase and names a html_social_networks name or an
// @handle anywhere.
bool IsNewsletterOrFollowLine(std::string_view line);

// The cues of class and id names (data/lang/LANG/html_class_cues.tsv: an RE2
// pattern and its kind, "unlikely", "share", ...): for each of `kinds`, in
// order, the alternation of the patterns of that kind ("a|b|c"; every
// folder's, folders in sorted order, rows in file order), "" where no row
// has the kind.
std::vector<std::string> ClassCuePatterns(std::span<const std::string_view> kinds);

// The fragments of kind `kind` of data/lang/LANG/html_date_keys.tsv (every
// folder's): parts of meta keys, itemprops, JSON keys and class and id names
// that say what a date is ("modified": "modif", "updat"; "date_element":
// "date", "datum"). Empty for a kind no row has.
const std::vector<std::string_view>& DateKeyCues(std::string_view kind);

}  // namespace annals::segment
