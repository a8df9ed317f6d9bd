// Text that came from input (file names, WARC addresses, queries, page
// bytes in a message) made safe to print on a terminal, and short.
// Thread safety: reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace annals::text {

// `s` with every control character (C0 including "\n" and "\t", DEL, C1),
// every bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069) and
// every byte of invalid UTF-8 written as an escape ("\n", "\t", "\x1b",
// "\u202e"), so nothing in it can move the cursor, recolour or reorder the
// terminal. When the result is longer than `max_code_points`, its middle is
// cut to "…" (both ends are kept: the start of a query, a file's extension,
// the reason at the end of a message).
std::string Printable(std::string_view s, size_t max_code_points = 200);

}  // namespace annals::text
