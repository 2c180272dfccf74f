// Processor affinity is a glibc extension (_GNU_SOURCE) that Swift's Glibc module does not
// import, hence these two small C functions.
#define _GNU_SOURCE
#include "CThreadPlacement.h"

#ifdef __linux__
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
#else
int icprules_attributes_avoid_current_processor(pthread_attr_t *attributes) {
  (void)attributes;
  return -1;
}

void icprules_allow_main_thread_processors(void) {}
#endif
