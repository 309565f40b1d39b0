{
  "targets": [
    {
      "target_name": "vae_kernels",
      "sources": ["src/kernels.c"],
      "libraries": ["-lopenblas"],
      "cflags": ["-O3", "-march=native", "-fno-math-errno", "-std=c11"]
    }
  ]
}
