import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isNonPublicAddress, nonPublicReason, webhookUrlPolicy } from './url-policy.js';

const strict = { blockPrivateTargets: true };
const open = { blockPrivateTargets: false };
const resolvesTo = (...addresses: string[]) => async () => addresses;
const noDns = async (): Promise<string[]> => {
  throw new Error('no DNS in this test');
};

describe('webhook URL policy', () => {
  it('allows only http(s) without credentials, whatever the policy', async () => {
    for (const policy of [strict, open]) {
      await expect(checkWebhookUrl('ftp://hooks.example.com/x', policy)).rejects.toThrow('Only http and https');
      await expect(checkWebhookUrl('javascript:alert(1)', policy)).rejects.toThrow('Only http and https');
      await expect(checkWebhookUrl('https://user:pw@hooks.example.com/x', policy, resolvesTo('93.184.216.34'))).rejects.toThrow('Credentials');
      await expect(checkWebhookUrl('https://token@hooks.example.com/x', policy, resolvesTo('93.184.216.34'))).rejects.toThrow('Credentials');
      await expect(checkWebhookUrl('not a url', policy)).rejects.toThrow('Not a valid URL');
      await expect(checkWebhookUrl(`https://hooks.example.com/${'a'.repeat(3000)}`, policy)).rejects.toThrow('longer than');
    }
  });

  it('is strict by default in every environment; EARSHOT_WEBHOOK_ALLOW_PRIVATE=true is the only opt-out', () => {
    expect(webhookUrlPolicy({})).toEqual(strict);
    expect(webhookUrlPolicy({ NODE_ENV: 'development' })).toEqual(strict);
    expect(webhookUrlPolicy({ NODE_ENV: 'test' })).toEqual(strict);
    expect(webhookUrlPolicy({ NODE_ENV: 'production' })).toEqual(strict);
    expect(webhookUrlPolicy({ EARSHOT_WEBHOOK_ALLOW_PRIVATE: 'no' })).toEqual(strict);
    expect(webhookUrlPolicy({ EARSHOT_WEBHOOK_ALLOW_PRIVATE: 'false' })).toEqual(strict);
    for (const yes of ['true', 'TRUE', '1', 'yes', 'on', ' true ']) {
      expect(webhookUrlPolicy({ NODE_ENV: 'production', EARSHOT_WEBHOOK_ALLOW_PRIVATE: yes }), yes).toEqual(open);
    }
  });

  // Each of these reaches the server itself, the private network or something else that is not the internet.
  const refusedUrls: [string, string][] = [
    ['http://127.0.0.1:8080/x', 'loopback'],
    ['http://2130706433/', 'loopback'], // decimal
    ['http://017700000001/', 'loopback'], // octal
    ['http://0x7f.1/', 'loopback'], // hex, short form
    ['http://0x7f000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::1]/x', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'ipv4Mapped → loopback'],
    ['http://[::ffff:7f00:1]/', 'ipv4Mapped → loopback'],
    ['http://[::127.0.0.1]/', 'IPv4-compatible → loopback'],
    ['http://[::ffff:0:127.0.0.1]/', 'rfc6145 → loopback'],
    ['http://[2002:7f00:1::]/', '6to4 → loopback'],
    ['http://[2002:a00:1::1]/', '6to4 → private'],
    ['http://[64:ff9b::7f00:1]/', 'rfc6052 → loopback'],
    ['http://[64:ff9b::169.254.169.254]/', 'rfc6052 → linkLocal'],
    ['http://[64:ff9b:1::808:808]/', 'rfc6052 → unspecified'], // local-use NAT64 prefix: refused outright
    ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', 'teredo → loopback'], // client 127.0.0.1 (obfuscated)
    ['http://10.1.2.3/x', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://[::ffff:192.168.1.1]/x', 'ipv4Mapped → private'],
    ['http://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['http://[fe80::1]/', 'linkLocal'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://0.0.0.0/x', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://[::2]/', 'IPv4-compatible → unspecified'],
    ['http://100.64.0.1/', 'carrierGradeNat'],
    ['http://100.127.255.254/', 'carrierGradeNat'],
    ['http://[fd00::1]/', 'uniqueLocal'],
    ['http://192.0.2.1/', 'reserved'],
    ['http://240.0.0.1/', 'reserved'],
    ['http://[2001:db8::1]/', 'reserved'],
  ];

  it.each(refusedUrls)('refuses %s (%s) without asking DNS', async (url, reason) => {
    await expect(checkWebhookUrl(url, strict, noDns)).rejects.toThrow(`not a public address: ${reason}`);
    // The explicit opt-out lets every one of them through.
    expect(await checkWebhookUrl(url, open, noDns)).toBe(new URL(url).toString());
  });

  it('refuses a host name when any address it resolves to is not public', async () => {
    await expect(checkWebhookUrl('https://internal.example.com/x', strict, resolvesTo('10.0.0.7'))).rejects.toThrow('internal.example.com (10.0.0.7) is not a public address: private');
    await expect(checkWebhookUrl('https://mixed.example.com/x', strict, resolvesTo('93.184.216.34', '172.16.0.9'))).rejects.toThrow('not a public address');
    await expect(checkWebhookUrl('https://v6.example.com/x', strict, resolvesTo('2606:2800:220:1::1', '::ffff:127.0.0.1'))).rejects.toThrow('ipv4Mapped → loopback');
    await expect(checkWebhookUrl('https://nowhere.example/x', strict, noDns)).rejects.toThrow('does not resolve');
    await expect(checkWebhookUrl('https://empty.example/x', strict, resolvesTo())).rejects.toThrow('does not resolve');
    expect(await checkWebhookUrl('https://hooks.example.com/in#frag', strict, resolvesTo('93.184.216.34', '2606:2800:220:1::1'))).toBe('https://hooks.example.com/in');
  });

  it('classifies addresses: public unicast only, embedded IPv4 judged by itself', () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::7f00:1', '64:ff9b::a00:1', '2002:c0a8:101::', 'nonsense', '0177.0.0.1', '2130706433']) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:2800:220:1::1', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
      expect(nonPublicReason(a), a).toBeNull();
    }
  });
});
