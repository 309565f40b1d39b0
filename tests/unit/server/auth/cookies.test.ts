import assert from "node:assert/strict";
import { test } from "node:test";
import {
  clearOwnerCookieHeader,
  ownerCookieHeader,
  parseCookies,
  presentedOwnerToken,
} from "../../../../server/auth/cookies";

test("the owner cookie is httpOnly, SameSite=Lax, named after the session, Secure only on https", () => {
  const h = ownerCookieHeader("abc", "tok-en_1", { secure: false });
  assert.match(h, /^owner_abc=tok-en_1; /);
  assert.match(h, /HttpOnly/);
  assert.match(h, /SameSite=Lax/);
  assert.match(h, /Path=\//);
  assert.doesNotMatch(h, /Secure/);
  assert.match(ownerCookieHeader("abc", "t", { secure: true }), /; Secure$/);
  assert.match(clearOwnerCookieHeader("abc"), /owner_abc=; .*Max-Age=0/);
});

test("parseCookies tolerates junk", () => {
  const c = parseCookies("a=1; b = two ; =bad; c; d=%E0%A4%A; a=again");
  assert.equal(c.get("a"), "1");
  assert.equal(c.get("b"), "two");
  assert.equal(c.get("d"), "%E0%A4%A");
  assert.equal(c.has("c"), false);
  assert.equal(parseCookies(undefined).size, 0);
});

test("Bearer header wins over the cookie; the cookie of another session is ignored", () => {
  assert.equal(presentedOwnerToken({ authorization: "Bearer xyz", cookie: "owner_s1=abc" }, "s1"), "xyz");
  assert.equal(presentedOwnerToken({ cookie: "owner_s1=abc" }, "s1"), "abc");
  assert.equal(presentedOwnerToken({ cookie: "owner_s2=abc" }, "s1"), null);
  assert.equal(presentedOwnerToken({ authorization: "Basic Zm9v" }, "s1"), null);
});
