// Processor affinity (_GNU_SOURCE) and the allocator's settings (<malloc.h>) are glibc
// extensions that Swift's Glibc module does not import, hence these small C functions.
#define _GNU_SOURCE
#include "CPlatform.h"

#ifdef __linux__
#include <limits.h>
#include <malloc.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

int icprules_attributes_avoid_current_processor(pthread_attr_t *attributes) {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
  int current = sched_getcpu();
  if (current < 0 || current >= CPU_SETSIZE || !CPU_ISSET(current, &allowed)) return -1;
  CPU_CLR(current, &allowed);
  if (CPU_COUNT(&allowed) == 0) return -1;
  return pthread_attr_setaffinity_np(attributes, sizeof allowed, &allowed) == 0 ? 0 : -1;
}

void icprules_allow_main_thread_processors(void) {
  cpu_set_t allowed;
  if (sched_getaffinity(getpid(), sizeof allowed, &allowed) == 0) {
    sched_setaffinity(0, sizeof allowed, &allowed);
  }
}

void icprules_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}

int icprules_keep_freed_memory(size_t largest_heap_block) {
  if (largest_heap_block > INT_MAX) return -1;
  // A trim threshold beyond any heap this process grows: nothing is ever given back.
  if (mallopt(M_TRIM_THRESHOLD, INT_MAX) != 1) return -1;
  return mallopt(M_MMAP_THRESHOLD, (int)largest_heap_block) == 1 ? 0 : -1;
}

void icprules_reserve_heap(size_t bytes) {
  const uintptr_t huge_page = (uintptr_t)2 << 20;
  // Through volatile pointers: a compiler may drop a malloc whose block is only freed.
  void *volatile block = malloc(bytes);
  if (block == NULL) return;
  // The heap now reaches past `bytes` from here. Its whole 2 MB stretches in that span are
  // asked for as huge pages: each then faults in once, not 512 times (a fault costs ~1.5 µs
  // here). Asked before anything in them is touched, since a stretch with one small page
  // already mapped stays small.
  uintptr_t start = (uintptr_t)block;
  uintptr_t first = (start + huge_page - 1) & ~(huge_page - 1);
  uintptr_t last = (start + bytes) & ~(huge_page - 1);
  int madvised = last > first && madvise((void *)first, last - first, MADV_HUGEPAGE) == 0;
  free(block);
  // Allocations would start at `start`, in a stretch whose first pages are already mapped: a
  // block up to the first stretch, never freed and never touched beyond its header, moves them
  // there. It holds address space only.
  if (madvised && first - start > 64) {
    void *volatile pad = malloc(first - start - 32);
    (void)pad;
  }
}
#else
int icprules_attributes_avoid_current_processor(pthread_attr_t *attributes) {
  (void)attributes;
  return -1;
}

void icprules_allow_main_thread_processors(void) {}

void icprules_spin_pause(void) {}

int icprules_keep_freed_memory(size_t largest_heap_block) {
  (void)largest_heap_block;
  return -1;
}

void icprules_reserve_heap(size_t bytes) { (void)bytes; }
#endif
