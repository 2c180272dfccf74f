#ifndef C_THREAD_PLACEMENT_H
#define C_THREAD_PLACEMENT_H

#include <pthread.h>

/// Restricts `attributes` to the processors the caller may use other than the one it runs on.
/// Returns 0 when it did; -1 when there is no other processor (or on a platform without
/// processor affinity), leaving `attributes` as they were.
int icprules_attributes_avoid_current_processor(pthread_attr_t *attributes);

/// Lets the calling thread run on every processor the process's main thread may use.
void icprules_allow_main_thread_processors(void);

#endif
