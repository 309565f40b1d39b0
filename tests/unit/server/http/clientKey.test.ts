import assert from "node:assert/strict";
import { test } from "node:test";
import { hashClientKey } from "../../../../server/http/clientHash";
import { addressKey } from "../../../../server/http/rateLimit";

test("IPv4 addresses are keys as they are; IPv4-mapped IPv6 counts as IPv4", () => {
  assert.equal(addressKey("203.0.113.7"), "203.0.113.7");
  assert.equal(addressKey("::ffff:203.0.113.7"), "203.0.113.7");
});

test("IPv6 clients are keyed by their /64: a new address per request does not make a new client", () => {
  assert.equal(addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  assert.equal(addressKey("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  assert.equal(addressKey("2001:0db8:0001:0002::ffff%eth0"), "2001:db8:1:2::/64");
  assert.equal(addressKey("::1"), "0:0:0:0::/64");
  assert.notEqual(addressKey("2001:db8:1:3::1"), addressKey("2001:db8:1:2::1"));
  assert.equal(addressKey("unknown"), "unknown");
  assert.equal(addressKey("not:an:address:zz"), "not:an:address:zz", "anything else is kept whole");
});

test("client hashes: stable, not the address, keyed when a secret is set", () => {
  const plain = hashClientKey("203.0.113.7", null);
  assert.equal(plain, hashClientKey("203.0.113.7", null));
  assert.match(plain, /^[0-9a-f]{32}$/);
  assert.ok(!plain.includes("203"));
  assert.notEqual(hashClientKey("203.0.113.8", null), plain);
  const keyed = hashClientKey("203.0.113.7", "a secret of sixteen+");
  assert.notEqual(keyed, plain);
  assert.notEqual(keyed, hashClientKey("203.0.113.7", "another secret 16+"));
});
