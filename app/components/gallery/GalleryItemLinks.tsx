import Link from "next/link";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { downloadName } from "../../../lib/images/downloadName";
import { textLink } from "../ui";

/** Where a gallery item leads: its session, the Play view, the PNG; Delete when `onDelete` is given (the saver's browser). */
export function GalleryItemLinks({ item, onDelete }: { item: GalleryItemView; onDelete?: () => void }) {
  const fileName = downloadName({
    sessionId: item.sessionId,
    sessionTitle: item.sessionTitle,
    kind: item.kind,
    title: item.title,
    epoch: item.meta.epoch,
    seed: item.meta.seed,
    extension: "png",
  });

  return (
    <p className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
      <Link href={`/s/${item.sessionId}`} className={textLink}>
        Open the session
      </Link>
      <Link href={`/s/${item.sessionId}/play`} className={textLink}>
        Play with its model
      </Link>
      <a href={item.imageUrl} download={fileName} className={textLink}>
        Download PNG
      </a>
      {onDelete && (
        <button type="button" className="text-rose-300 underline" onClick={onDelete}>
          Delete
        </button>
      )}
    </p>
  );
}
