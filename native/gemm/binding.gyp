{
  "targets": [
    {
      "target_name": "vae_gemm",
      "sources": ["src/gemm.c"],
      "libraries": ["-lopenblas"],
      "cflags": ["-O3", "-march=native", "-std=c11"]
    }
  ]
}
