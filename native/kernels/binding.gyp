{
  "targets": [
    {
      "target_name": "vae_kernels",
      "sources": ["src/kernels.c", "src/ops.c"],
      "libraries": ["-lopenblas"],
      "cflags": ["-O3", "-march=native", "-fno-math-errno", "-fno-trapping-math", "-fopenmp-simd", "-std=gnu11"],
      "libraries+": ["-lm"]
    }
  ]
}
