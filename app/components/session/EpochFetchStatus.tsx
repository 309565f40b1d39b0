/** Under an epoch slider: that the picked epoch is loading, or why it could not be loaded. */
export function EpochFetchStatus({
  picked,
  loading,
  error,
}: {
  picked: number | null;
  loading: boolean;
  error: string | null;
}) {
  return (
    <>
      {loading && (
        <p className="mt-2 text-xs text-slate-400" role="status">
          Loading epoch {picked}…
        </p>
      )}
      {error && (
        <p className="mt-2 text-xs text-rose-300" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
