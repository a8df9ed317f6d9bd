#include "src/common/entity_lookup.h"

#include <string>

#include "src/common/text.h"

namespace annals {

const Entity* FindByName(std::span<const Entity> entities, std::string_view name) {
  const std::string f = text::Fold(name);
  if (f.empty()) return nullptr;
  const Entity* best = nullptr;
  bool best_canonical = false;
  for (const Entity& e : entities) {
    const bool canonical = text::Fold(e.name) == f;
    bool hit = canonical;
    for (const std::string& a : e.aliases) hit = hit || text::Fold(a) == f;
    if (!hit) continue;
    if (best == nullptr || (canonical && !best_canonical) ||
        (canonical == best_canonical && e.mentions > best->mentions)) {
      best = &e;
      best_canonical = canonical;
    }
  }
  return best;
}

}  // namespace annals
