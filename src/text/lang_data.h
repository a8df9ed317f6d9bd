// Language as data (issue 21): every word list the stages read (titles,
// body head words, months, navigation words, event triggers, ...) is a table
// data/lang/LANG/NAME.tsv, embedded in the binary at build time and looked up
// here by language and name. Adding a language is adding a folder (README,
// "Adding a language"). A table's rows are its lines that are neither empty
// nor start with '#', split at tabs; what the columns mean is the business of
// the code that reads the table (and of the table's header comment).
// Language detection and stemming live here too: both are keyed by language.
// Thread safety: all functions are reentrant; the tables are parsed once
// (thread-safe static initialization) and immutable after.
#pragma once

#include "src/common/lang_table.h"

#include <string>
#include <string_view>
#include <vector>

namespace annals::text {

// The tables themselves are parsed by src/common/lang_table (below this
// layer, so that src/common/date reads its month names from them too).
using LangRow = lang::Row;

// The rows of data/lang/LANG/NAME.tsv ("en", "months"); empty when the
// language has no such table. The views point into the embedded bytes and
// live as long as the program.
const std::vector<LangRow>& LangRows(std::string_view lang, std::string_view name);

// The first column of every row of a table (a word list), in file order.
std::vector<std::string_view> LangWords(std::string_view lang, std::string_view name);

// The languages, sorted ("en", "ru"): the folders that have a `language`
// table (lang::Languages; a folder with word lists only is no language).
std::vector<std::string> Languages();

// The language of a text, from its letters' script (the `script` row of each
// language's `language` table: "Latin", "Cyrillic") and, among languages of
// the same script, the share of its words found in the language's
// `stopwords` table. "" when the text has fewer than 20 letters in any
// script with a language. Reads at most the first 64 KB.
std::string DetectLanguage(std::string_view utf8);

// The value of row `key` of a language's `language` table ("script",
// "stemmer", "search_stems"), or "".
std::string_view LanguageSetting(std::string_view lang, std::string_view key);

// The one language whose script a word's letters are written in ("ru" for
// "Прага"); "" when the letters are of several scripts, of a script no
// language has, or of one several languages share.
std::string WordLanguage(std::string_view word);

// The language of a story: DetectLanguage of its title and the start of its
// text (the first 16 KB are enough to tell).
std::string StoryLanguage(std::string_view title, std::string_view text);

// The Snowball stem (libstemmer) of a lower-case UTF-8 word in language
// `lang` ("en", "ru"): "праге" -> "праг". The word itself when the
// language has no stemmer. The stemmer of each language is made once per
// thread.
std::string Stem(std::string_view lang, std::string_view lower_word);

}  // namespace annals::text
