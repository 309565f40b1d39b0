{
  "targets": [
    {
      "target_name": "vae_memory",
      "sources": ["src/memory.c"],
      "cflags": ["-O2", "-std=gnu11"]
    }
  ]
}
