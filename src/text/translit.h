// One key for a name in any script (issue 25): a person named in Cyrillic
// and in Latin letters ("Хромин", "Khromin") is one entity when the keys
// of the two writings are equal.
// Thread safety: reentrant; the ICU transliterators are made once per thread.
#pragma once

#include <string>
#include <string_view>

namespace annals::text {

// The Latin letters of a UTF-8 name: Cyrillic through ICU's
// "Russian-Latin/BGN" transform, any other script through "Any-Latin", then
// "Latin-ASCII" ("Йелга" -> "Yelga", "Jelča" -> "Jelca"). Text already in
// ASCII comes back unchanged.
std::string ToLatin(std::string_view utf8);

// The key two writings of one name share: ToLatin, lower case, letters and
// single spaces only, then the folds of the `translit_folds` table of every
// language (data/lang/LANG/translit_folds.tsv, rows "from<TAB>to", applied
// in file order), which join the usual variants of romanization ("-yev" and
// "-ev", "kh" and "h", "iy" and "y"); last, each word drops the longest
// ending of the `translit_endings` tables that leaves three letters, again
// until none does (the
// cases of a Russian name: "Хроминым", "Khromin" -> "hrom"). "" when the
// name has no letter.
std::string LatinKey(std::string_view utf8);

// The spelling in language `lang`'s script of a word written in Latin
// letters, through the ICU transform named by the `from_latin` row of the
// language's `language` table ("Latin-Russian/BGN": "Petrov" -> "Петров"),
// kept only when ToLatin gives the word back (case aside): the word reads as
// a romanization of that language ("Council" -> "Коунцил" -> "Kountsil" does
// not). "" otherwise, for a word with a character other than an ASCII letter,
// or when the language has no such transform.
std::string FromLatin(std::string_view lang, std::string_view latin);

}  // namespace annals::text
