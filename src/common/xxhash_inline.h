// xxHash, inlined (XXH_INLINE_ALL): hashes of single words and short key
// sequences are most of the calls, and a call into the library cost more
// than the hashing (dedup_bench near 0.94x). The hashes are the library's.
// Include this, not <xxhash.h>, where words and keys are hashed.
// Thread safety: reentrant.
#pragma once

#define XXH_INLINE_ALL
#include <xxhash.h>
