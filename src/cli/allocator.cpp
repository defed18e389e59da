// The casim executable's global operator new and delete, served by mimalloc (built only when
// CASIM_MIMALLOC is on; see src/README.md). Linking libmimalloc also routes malloc and free to it.
// mimalloc's own operator new aborts when memory runs out (it never sees the new_handler casim
// installs), so these replacements ask mimalloc for the block and, when it has none, run the
// current new_handler as the standard says: process_guard's hands its reserve back and throws
// std::bad_alloc, which main turns into exit 2.
#include <cstddef>
#include <new>
#include <string_view>

#include <mimalloc.h>

namespace {

constexpr std::size_t kDefault = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void* try_allocate(std::size_t size, std::size_t alignment) noexcept {
  return alignment <= kDefault ? mi_malloc(size) : mi_malloc_aligned(size, alignment);
}

// After mimalloc had no block: the new_handler, then another try, until one succeeds or it throws.
[[gnu::noinline]] void* allocate_after_failure(std::size_t size, std::size_t alignment) {
  for (;;) {
    const std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
    if (void* block = try_allocate(size, alignment)) return block;
  }
}

void* allocate(std::size_t size, std::size_t alignment) {
  if (void* block = try_allocate(size, alignment)) return block;
  return allocate_after_failure(size, alignment);
}

void* allocate_or_null(std::size_t size, std::size_t alignment) noexcept {
  try {
    return allocate(size, alignment);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

std::size_t bytes(std::align_val_t alignment) { return static_cast<std::size_t>(alignment); }

// mimalloc takes its memory from the OS in large (2 MiB) pages, unless MIMALLOC_LARGE_OS_PAGES says
// otherwise: a run's orders, world and event queue span thousands of 4 KiB pages, more than the TLB
// covers (docs/performance.md, ninth round). Where the kernel gives no huge pages, mimalloc falls
// back to small ones. This runs from the executable's .preinit_array, before any shared library
// initializes: mimalloc reserves the memory start-up allocates from when it initializes.
// (getenv cannot be relied on that early: the environment comes as the third argument.)
void prefer_large_os_pages(int, char**, char** environment) {
  constexpr std::string_view kSetting = "MIMALLOC_LARGE_OS_PAGES=";
  for (char** entry = environment; entry != nullptr && *entry != nullptr; ++entry) {
    if (std::string_view(*entry).starts_with(kSetting)) return;  // mimalloc reads it itself
  }
  mi_option_enable(mi_option_large_os_pages);
}
[[gnu::section(".preinit_array"), gnu::used]] void (*const kPreferLargeOsPages)(int, char**, char**) = prefer_large_os_pages;

}  // namespace

void* operator new(std::size_t size) { return allocate(size, kDefault); }
void* operator new[](std::size_t size) { return allocate(size, kDefault); }
void* operator new(std::size_t size, std::align_val_t alignment) { return allocate(size, bytes(alignment)); }
void* operator new[](std::size_t size, std::align_val_t alignment) { return allocate(size, bytes(alignment)); }

void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate_or_null(size, kDefault); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate_or_null(size, kDefault); }
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, bytes(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, bytes(alignment));
}

// mimalloc frees every block it gave, aligned or not, by its address alone.
void operator delete(void* block) noexcept { mi_free(block); }
void operator delete[](void* block) noexcept { mi_free(block); }
void operator delete(void* block, std::size_t) noexcept { mi_free(block); }
void operator delete[](void* block, std::size_t) noexcept { mi_free(block); }
void operator delete(void* block, std::align_val_t) noexcept { mi_free(block); }
void operator delete[](void* block, std::align_val_t) noexcept { mi_free(block); }
void operator delete(void* block, std::size_t, std::align_val_t) noexcept { mi_free(block); }
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept { mi_free(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { mi_free(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { mi_free(block); }
void operator delete(void* block, std::align_val_t, const std::nothrow_t&) noexcept { mi_free(block); }
void operator delete[](void* block, std::align_val_t, const std::nothrow_t&) noexcept { mi_free(block); }
