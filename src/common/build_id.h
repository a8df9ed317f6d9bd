// ProgramPrint: a hash that tells this build of the program from another,
// for what the archive keeps only while the program that made it is the
// same (relate's readings, the profile lookups a page's segmentation read).
#pragma once

#include <cstdint>

namespace annals {

// The GNU build ids of the executable and the libraries it loaded, hashed;
// where the executable has none, its bytes. 0 when neither can be read (then
// nothing may be kept across runs). Computed once a process.
uint64_t ProgramPrint();

}  // namespace annals
