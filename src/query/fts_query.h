// The query language of `annals search` translated into an SQLite FTS5 MATCH
// expression. The language: words, "phrases", prefix* (a word or a phrase
// followed by *), AND / OR / NOT (upper case), "AND NOT" (as NOT), and
// ( groups ). Two terms side by side must both match (FTS5's implicit AND).
//
// A word holding characters FTS5 would read as syntax ("Anglo-Dutch",
// "HL's", "Mr.", "U.S.", "a:b", "x+y") is searched as the words the user
// typed: it becomes an FTS5 phrase of its tokens ("Anglo-Dutch" matches
// "anglo" followed by "dutch"). A word with no letter or digit ("-", "&")
// searches nothing and is left out.
//
// A capitalized word in Latin letters that reads as the romanization of a
// word of another script's language ("Petrov" as "Петров", by ICU's
// Latin-Russian/BGN and back) is also searched in that script, in the cases
// of a name (data/lang/LANG/search_name_forms.tsv): `Petrov` finds "Петрова".
// Thread safety: reentrant.
#pragma once

#include "annals/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace annals::query {

struct FtsQueryLimits {
  // FTS5's cost grows faster than the terms: 9,000 words of the pages
  // joined by OR ran past 60 s on an archive of 300 synthetic pages
  // (bench/gen_site.py), 100 take 0.24 s. 100 terms are more than anyone
  // types; 4 KiB holds them with long words and phrases.
  size_t max_bytes = 4096;
  size_t max_terms = 100;  // words and phrases
  // The Cyrillic forms a capitalized Latin word adds ("Petrov" -> "Петров",
  // "Петрова", ...: seven for a surname) stop at this many in one query; the
  // words after are searched as typed.
  size_t max_cross_script_terms = 100;
};

// The FTS5 expression for `query`. Errors (kInvalidInput, with a message
// that does not repeat the query): an empty query, one over the limits, a
// phrase without its closing quote, a lone "*". Errors of the boolean
// structure ("a AND", "( a") are left to FTS5, which reports them.
Result<std::string> ToFtsQuery(std::string_view query, const FtsQueryLimits& limits = {});

}  // namespace annals::query
