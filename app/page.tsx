import { CreateSessionForm } from "./components/home/CreateSessionForm";
import { RecentSessions } from "./components/home/RecentSessions";

/** Home: start a training session, or open a recent one. */
export default function HomePage() {
  return (
    <div className="flex flex-col gap-6">
      <section>
        <h1 className="text-2xl font-semibold text-slate-50 sm:text-3xl">Train a VAE on MNIST, together</h1>
        <p className="mt-1 max-w-2xl text-slate-400">
          Pick a model, press Train, and share the link: everyone watches the loss fall and the digits sharpen live,
          then plays with the trained decoder in their own browser.
        </p>
      </section>
      <CreateSessionForm />
      <RecentSessions />
    </div>
  );
}
