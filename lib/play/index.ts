/** In-browser (and Node) inference helpers for the Play view, on top of the stock tfjs Layers models. */
export * from "./playModel";
export * from "./backend";
export * from "./conditions";
export * from "./decode";
export * from "./generate";
export * from "./grid";
export * from "./inpaint";
export * from "./prior";
