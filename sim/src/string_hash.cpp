// StringHash's function: XXH3 compiled into this one translation unit (XXH_INLINE_ALL), so that a
// lookup makes one call and libxxhash's header stays out of every other file.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "casim/sim/string_map.hpp"

namespace casim::sim {

std::size_t hash_text(std::string_view text) noexcept { return XXH3_64bits(text.data(), text.size()); }

}  // namespace casim::sim
