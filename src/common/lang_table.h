// The language data tables (data/lang/LANG/NAME.tsv), embedded in the
// binary at build time by cmake/embed_lang.cmake, parsed into rows: the
// lowest layer of "language as data" (issue 21), so that leaf units such as
// src/common/date read their word lists (month and weekday names) from the
// same files as the stages above. The stages read them through
// src/text/lang_data.h, which adds language detection and stemming.
// A table's rows are its lines that are neither empty nor start with '#',
// split at tabs; what the columns mean is the business of the code that
// reads the table (and of the table's header comment).
// Thread safety: reentrant; the tables are parsed once, on first use
// (thread-safe static initialization, no ICU), and immutable after.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace annals::lang {

using Row = std::vector<std::string_view>;

// The rows of data/lang/LANG/NAME.tsv ("en", "date_months"); empty when the
// language has no such table. The views point into the embedded bytes and
// live as long as the program.
const std::vector<Row>& Rows(std::string_view lang, std::string_view name);

// The languages, sorted ("en", "ru"): the folders of data/lang that have a
// `language` table (script, stemmer). Only these are detected
// (text::DetectLanguage), offered by `stories --language` and looked up by
// the stages that read a table per language.
const std::vector<std::string>& Languages();

// Every folder of data/lang, sorted ("de", "en", ..., "ru"): the languages
// and the folders that only hold word lists the stages match on pages of
// every language (the HTML segmenter's html_*.tsv tables, src/segment/
// html_words.h), which adds no language to detect.
const std::vector<std::string>& Folders();

// Parses the bytes of one table into rows (as Rows does for the embedded ones).
std::vector<Row> ParseRows(std::string_view bytes);

struct EmbeddedTable {
  std::string_view lang, name, bytes;
};
// Every embedded table; generated at build time by cmake/embed_lang.cmake.
std::span<const EmbeddedTable> EmbeddedTables();

}  // namespace annals::lang
