import type { GalleryItemView } from "../../../lib/contracts/gallery";

/** How a gallery picture was made, as [label, value] rows for its page. */
export function galleryItemFacts(item: GalleryItemView): [string, string][] {
  const m = item.meta;
  const rows: [string, string][] = [["Kind", item.kind]];
  if (m.preset) rows.push(["Model", m.preset]);
  if (m.epoch !== undefined) rows.push(["Checkpoint", `epoch ${m.epoch}`]);
  if (item.checkpointId) rows.push(["Checkpoint id", item.checkpointId]);
  if (m.digit !== undefined) rows.push(["Digit", String(m.digit)]);
  if (m.temperature !== undefined) rows.push(["Temperature", m.temperature.toFixed(2)]);
  if (m.seed !== undefined) rows.push(["Seed", String(m.seed)]);
  if (m.dims) rows.push(["Latent dimensions", m.dims.map((d) => `z${d}`).join(", ")]);
  if (m.latent) rows.push(["Latent vector", `[${m.latent.map((v) => v.toFixed(2)).join(", ")}]`]);
  if (m.latentTo) rows.push(["Interpolated to", `[${m.latentTo.map((v) => v.toFixed(2)).join(", ")}]`]);
  if (m.mask) rows.push(["Mask", `${m.mask.split("").filter((c) => c === "0").length} missing pixels of 784`]);
  if (m.backend) rows.push(["Computed on", `tfjs ${m.backend} in the browser`]);
  // UTC, spelled out: the page is rendered on the server, whose time zone is not the reader's.
  rows.push([
    "Saved",
    `${new Date(item.createdAt).toLocaleString("en-US", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC`,
  ]);
  return rows;
}
