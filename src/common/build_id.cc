#include "src/common/build_id.h"

#include <elf.h>
#include <link.h>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "src/common/text.h"

namespace annals {
namespace {

// The GNU build ids of the loaded objects (the executable first, by the
// order of dl_iterate_phdr), each after its name, into a string; the vDSO's
// (the kernel's) left out. `main_has_id`: the executable has one.
struct BuildIds {
  std::string bytes;
  bool first = true;
  bool main_has_id = false;
};

int AddBuildId(dl_phdr_info* info, size_t, void* data) {
  auto* ids = static_cast<BuildIds*>(data);
  const bool main = ids->first;
  ids->first = false;
  const std::string_view name = info->dlpi_name ? info->dlpi_name : "";
  if (name.find("linux-vdso") != std::string_view::npos ||
      name.find("linux-gate") != std::string_view::npos) {
    return 0;
  }
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    auto align4 = [](size_t n) { return (n + 3) & ~size_t{3}; };
    while (end - p >= static_cast<std::ptrdiff_t>(sizeof(ElfW(Nhdr)))) {
      const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* note_name = p + sizeof(ElfW(Nhdr));
      const char* desc = note_name + align4(note->n_namesz);
      const char* next = desc + align4(note->n_descsz);
      if (next > end) break;
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
          std::string_view(note_name, 3) == "GNU") {
        ids->bytes.append(name);
        ids->bytes.push_back('\0');
        ids->bytes.append(desc, note->n_descsz);
        if (main) ids->main_has_id = true;
      }
      p = next;
    }
  }
  return 0;
}

uint64_t ComputeProgramPrint() {
  BuildIds ids;
  dl_iterate_phdr(AddBuildId, &ids);
  uint64_t h = text::Hash64(ids.bytes);
  if (!ids.main_has_id) {
    // Linked without build ids: the executable's bytes instead.
    std::ifstream exe("/proc/self/exe", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(exe)),
                            std::istreambuf_iterator<char>());
    if (!exe.good() && !exe.eof()) return 0;
    if (bytes.empty()) return 0;
    h = text::Hash64(bytes, h);
  }
  return h == 0 ? 1 : h;
}

}  // namespace

uint64_t ProgramPrint() {
  static const uint64_t print = ComputeProgramPrint();
  return print;
}

}  // namespace annals
