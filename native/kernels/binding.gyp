{
  "targets": [
    {
      "target_name": "vae_kernels",
      "sources": ["src/kernels.c", "src/ops.c", "src/step.c", "src/sparse.c", "src/step_napi.c"],
      "libraries": ["-lopenblas", "-pthread"],
      "cflags": ["-O3", "-march=native", "-fno-math-errno", "-fno-trapping-math", "-fopenmp-simd", "-std=gnu11", "-pthread"],
      "libraries+": ["-lm"]
    }
  ]
}
