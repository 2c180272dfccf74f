// Processor affinity (_GNU_SOURCE) and the allocator's settings (<malloc.h>) are glibc
// extensions that Swift's Glibc module does not import, hence these small C functions.
#define _GNU_SOURCE
#include "CPlatform.h"

#ifdef __linux__
#include <limits.h>
#include <malloc.h>
#include <sched.h>
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

int icprules_keep_freed_memory(size_t largest_heap_block) {
  if (largest_heap_block > INT_MAX) return -1;
  // A trim threshold beyond any heap this process grows: nothing is ever given back.
  if (mallopt(M_TRIM_THRESHOLD, INT_MAX) != 1) return -1;
  return mallopt(M_MMAP_THRESHOLD, (int)largest_heap_block) == 1 ? 0 : -1;
}

void icprules_reserve_heap(size_t bytes) {
  // Through a volatile pointer: a compiler may drop a malloc whose block is only freed.
  void *volatile block = malloc(bytes);
  free(block);
}
#else
int icprules_attributes_avoid_current_processor(pthread_attr_t *attributes) {
  (void)attributes;
  return -1;
}

void icprules_allow_main_thread_processors(void) {}

int icprules_keep_freed_memory(size_t largest_heap_block) {
  (void)largest_heap_block;
  return -1;
}

void icprules_reserve_heap(size_t bytes) { (void)bytes; }
#endif
