#ifndef C_PLATFORM_H
#define C_PLATFORM_H

#include <pthread.h>
#include <stddef.h>

/// Restricts `attributes` to the processors the caller may use other than the one it runs on.
/// Returns 0 when it did; -1 when there is no other processor (or on a platform without
/// processor affinity), leaving `attributes` as they were.
int icprules_attributes_avoid_current_processor(pthread_attr_t *attributes);

/// Lets the calling thread run on every processor the process's main thread may use.
void icprules_allow_main_thread_processors(void);

/// Tells the processor that the caller is polling (x86 `pause`, Arm `yield`), which costs the
/// other thread on its core less than polling flat out.
void icprules_spin_pause(void);

/// Sets glibc's allocator to keep freed memory rather than trim it, and to serve blocks of up
/// to `largest_heap_block` bytes from the heap rather than from mappings of their own.
/// Returns 0 when it did; -1 on a platform without these settings.
int icprules_keep_freed_memory(size_t largest_heap_block);

/// Grows the calling thread's heap by `bytes` at once (one system call) and frees the block,
/// which the heap keeps after `icprules_keep_freed_memory`: later allocations then fill it
/// without growing the heap a page at a time. The pages are touched only as they are used,
/// and where the system allows, as 2 MB huge pages, so that filling the heap faults a few
/// times rather than once per 4 KB.
void icprules_reserve_heap(size_t bytes);

#endif
