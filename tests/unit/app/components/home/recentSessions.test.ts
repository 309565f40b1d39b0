import { test } from "node:test";
import assert from "node:assert/strict";
import { runModels } from "../../../../../app/components/home/RecentSessionRow";
import { PRESETS } from "../../../../../lib/model/presets";

test("a recent session's runs are listed by their models' labels; an unknown preset by its id", () => {
  assert.equal(runModels([{ preset: "vae-seed" }]), PRESETS["vae-seed"].label);
  assert.equal(
    runModels([{ preset: "vae-seed" }, { preset: "retired-preset" }]),
    `${PRESETS["vae-seed"].label} + retired-preset`,
  );
  assert.equal(runModels([]), "");
});
