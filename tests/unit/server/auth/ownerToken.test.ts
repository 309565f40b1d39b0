import assert from "node:assert/strict";
import { test } from "node:test";
import { generateOwnerToken, hashOwnerToken, verifyOwnerToken } from "../../../../server/auth/ownerToken";

test("tokens are 32 random bytes in base64url and differ every time", () => {
  const a = generateOwnerToken();
  const b = generateOwnerToken();
  assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(a, "base64url").length, 32);
  assert.notEqual(a, b);
});

test("only the sha256 hash is stored and it verifies the right token only", () => {
  const token = generateOwnerToken();
  const hash = hashOwnerToken(token);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.ok(!hash.includes(token));
  assert.equal(verifyOwnerToken(token, hash), true);
  assert.equal(verifyOwnerToken(generateOwnerToken(), hash), false);
  assert.equal(verifyOwnerToken(token.slice(1), hash), false);
  assert.equal(verifyOwnerToken("", hash), false);
  assert.equal(verifyOwnerToken(null, hash), false);
  assert.equal(verifyOwnerToken(token, ""), false, "a corrupt stored hash never matches");
  assert.equal(verifyOwnerToken("x".repeat(10_000), hash), false);
});
