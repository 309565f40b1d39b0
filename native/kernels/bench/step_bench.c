// The native training step alone, without Node: ms per step of native/kernels/src/step.c on synthetic bytes, for the
// presets' shapes (0 vae-seed, 1 cvae-label, 2 cvae-inpaint, 3 vae-pytorch), batch 128: best and median of 15
// windows of 20 steps after 30 warm-up steps; MNIST=<dir> for the real bytes (the sparse first layers need them).
// What docs/performance.md's "the step alone" table comes from.
//   cc -O3 -march=native -fno-math-errno -fno-trapping-math -fopenmp-simd -std=gnu11 -pthread -I../src \
//      step_bench.c ../src/step.c ../src/sparse.c ../src/ops.c -lopenblas -lm -o /tmp/step_bench
//   /tmp/step_bench <threads> <preset>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cblas.h>
#include "step.h"
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  int threads=atoi(argv[1]); int preset=argc>2?atoi(argv[2]):0; int B=128;
  openblas_set_num_threads(1);
  VaePlan p={0}; p.threads=threads;p.maxBatch=B;p.latent=20;p.prior=-1;
  int64_t off=0;
  int enc[8],dec[8],ne,nd; int cw=0;
  if(preset==0){int e[]={784,256,256,40};int d[]={20,256,256,784};ne=3;nd=3;memcpy(enc,e,sizeof e);memcpy(dec,d,sizeof d);}
  else if(preset==1){cw=10;p.condKind=1;int e[]={794,512,40};int d[]={30,512,784};ne=2;nd=2;memcpy(enc,e,sizeof e);memcpy(dec,d,sizeof d);}
  else if(preset==2){cw=1568;p.condKind=2;int e[]={2352,512,40};int d[]={1588,512,784};ne=2;nd=2;memcpy(enc,e,sizeof e);memcpy(dec,d,sizeof d);}
  else {int e[]={784,400,40};int d[]={20,400,784};ne=2;nd=2;memcpy(enc,e,sizeof e);memcpy(dec,d,sizeof d);}
  p.condWidth=cw;
  p.enc.layers=ne; for(int i=0;i<ne;i++){p.enc.in[i]=enc[i];p.enc.out[i]=enc[i+1];p.enc.w[i]=off;off+=enc[i]*enc[i+1];p.enc.b[i]=off;off+=enc[i+1];}
  p.dec.layers=nd; for(int i=0;i<nd;i++){p.dec.in[i]=dec[i];p.dec.out[i]=dec[i+1];p.dec.w[i]=off;off+=dec[i]*dec[i+1];p.dec.b[i]=off;off+=dec[i+1];}
  p.params=off;
  float*w=calloc(off,4),*m=calloc(off,4),*v=calloc(off,4);
  for(int64_t i=0;i<off;i++) w[i]=((rand()%2000)-1000)*1e-4f;
  int N=60000; uint8_t*img=malloc(N*784);uint8_t*lab=malloc(N); for(int i=0;i<N*784;i++)img[i]=rand()&255; for(int i=0;i<N;i++)lab[i]=rand()%10;
  // MNIST=<dir with train-images-idx3-ubyte and train-labels-idx1-ubyte>: the real bytes (mostly zeros), else noise.
  const char* dir=getenv("MNIST"); if(dir){char f[512]; snprintf(f,sizeof f,"%s/train-images-idx3-ubyte",dir); FILE*fi=fopen(f,"rb"); snprintf(f,sizeof f,"%s/train-labels-idx1-ubyte",dir); FILE*fl=fopen(f,"rb");
    if(!fi||!fl){puts("MNIST files not found");return 1;} fseek(fi,16,SEEK_SET); fseek(fl,8,SEEK_SET); if(fread(img,784,N,fi)!=(size_t)N||fread(lab,1,N,fl)!=(size_t)N){puts("short read");return 1;} fclose(fi); fclose(fl);}
  int32_t*perm=malloc(N*4); for(int i=0;i<N;i++)perm[i]=(i*7919)%N;
  float*eps=malloc(B*20*4); for(int i=0;i<B*20;i++)eps[i]=0.1f;
  float*masks=malloc(B*784*4); for(int i=0;i<B*784;i++)masks[i]=1; for(int r=0;r<B;r++)for(int y=9;y<19;y++)for(int x=9;x<19;x++)masks[r*784+y*28+x]=0;
  char err[200]; VaeTrainer*t=vae_trainer_create(&p,w,m,v,img,lab,N,err,200); if(!t){puts(err);return 1;}
  VaeStepArgs a={0};a.perm=perm;a.size=B;a.eps=eps;a.masks=masks;a.klWeight=1;a.adam=1;a.stepSize=1e-4;a.beta1=.9;a.beta2=.999;a.adamEps=1e-7;
  double st[2]; double best=1e9; double med[20];
  for(int i=0;i<30;i++){a.start=(i*B)%(N-B);vae_trainer_step(t,&a,st);}
  for(int w2=0;w2<15;w2++){double t0=now();for(int i=0;i<20;i++){a.start=(i*B)%(N-B);vae_trainer_step(t,&a,st);}double dt=(now()-t0)/20;med[w2]=dt;if(dt<best)best=dt;}
  // sort
  for(int i=0;i<15;i++)for(int j=i+1;j<15;j++)if(med[j]<med[i]){double x=med[i];med[i]=med[j];med[j]=x;}
  printf("preset %d threads %d: min %.3f ms  median %.3f ms  -> %.0f img/s (min) %.0f (median)\n",preset,threads,best*1e3,med[7]*1e3,B/best,B/med[7]);
  vae_trainer_free(t); return 0;
}
