// Allocator controls for the app server (server/runtime/allocator.ts). glibc keeps memory a program freed in its
// heaps and hands it back to the system only at the top of a heap, and it raises its mmap threshold as large blocks
// are freed, so the blocks a training run copies around (checkpoints of tens of MB) end up inside per-thread heaps
// and stay resident after the run. Measured with npm run bench:memory: +500 MB after runs of the largest allowed
// model; with a fixed 1 MB threshold and malloc_trim after each run, +50 MB. Elsewhere (musl, macOS) both are no-ops.
#include <node_api.h>
#include <stdbool.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static napi_value boolean(napi_env env, bool value) {
  napi_value out;
  napi_get_boolean(env, value, &out);
  return out;
}

// trim(): gives every arena's free pages back to the system; true when some memory was released.
static napi_value Trim(napi_env env, napi_callback_info info) {
  (void)info;
#ifdef __GLIBC__
  return boolean(env, malloc_trim(0) != 0);
#else
  return boolean(env, false);
#endif
}

// setMmapThreshold(bytes): blocks of at least this size get their own mapping, returned to the system when freed
// (a fixed value also stops glibc from raising it). True when the allocator accepted it.
static napi_value SetMmapThreshold(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int64_t bytes = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return boolean(env, false);
  if (napi_get_value_int64(env, argv[0], &bytes) != napi_ok || bytes < 4096 || bytes > (int64_t)32 * 1024 * 1024) return boolean(env, false);
#ifdef __GLIBC__
  return boolean(env, mallopt(M_MMAP_THRESHOLD, (int)bytes) == 1);
#else
  return boolean(env, false);
#endif
}

// glibc(): whether the controls do anything here.
static napi_value Glibc(napi_env env, napi_callback_info info) {
  (void)info;
#ifdef __GLIBC__
  return boolean(env, true);
#else
  return boolean(env, false);
#endif
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "trim", NAPI_AUTO_LENGTH, Trim, NULL, &fn);
  napi_set_named_property(env, exports, "trim", fn);
  napi_create_function(env, "setMmapThreshold", NAPI_AUTO_LENGTH, SetMmapThreshold, NULL, &fn);
  napi_set_named_property(env, exports, "setMmapThreshold", fn);
  napi_create_function(env, "glibc", NAPI_AUTO_LENGTH, Glibc, NULL, &fn);
  napi_set_named_property(env, exports, "glibc", fn);
  return exports;
}
