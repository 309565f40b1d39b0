// What the machine's placement of threads costs: two threads on two cores pass a cache line back and forth.
// On a VM the two virtual CPUs may sit on cores that share an L3 (~100–150 ns a round trip measured here) or on two
// dies (~400 ns), and the native step's two threads, which exchange weights and activations every step, run ~1.5×
// slower in the second case. Benchmarks print it next to their numbers.
#ifndef VAE_PROBE_H
#define VAE_PROBE_H
#include <stdint.h>

// Mean ns of one round trip over `rounds`, or −1 when the second thread could not run alongside (one core).
double vae_core_round_trip_ns(int64_t rounds);

#endif
