import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isNonPublicAddress, webhookUrlPolicy } from './url-policy.js';

const strict = { blockPrivateTargets: true };
const open = { blockPrivateTargets: false };
const resolvesTo = (...addresses: string[]) => async () => addresses;

describe('webhook URL policy', () => {
  it('allows only http(s) without credentials, whatever the environment', async () => {
    for (const policy of [strict, open]) {
      await expect(checkWebhookUrl('ftp://hooks.example.com/x', policy)).rejects.toThrow('Only http and https');
      await expect(checkWebhookUrl('javascript:alert(1)', policy)).rejects.toThrow('Only http and https');
      await expect(checkWebhookUrl('https://user:pw@hooks.example.com/x', policy, resolvesTo('93.184.216.34'))).rejects.toThrow('Credentials');
      await expect(checkWebhookUrl('https://token@hooks.example.com/x', policy, resolvesTo('93.184.216.34'))).rejects.toThrow('Credentials');
      await expect(checkWebhookUrl('not a url', policy)).rejects.toThrow('Not a valid URL');
      await expect(checkWebhookUrl(`https://hooks.example.com/${'a'.repeat(3000)}`, policy)).rejects.toThrow('longer than');
    }
  });

  it('refuses private, loopback and link-local targets when guarding, by literal or by DNS', async () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://[::ffff:192.168.1.1]/x', 'http://0.0.0.0/x']) {
      await expect(checkWebhookUrl(url, strict), url).rejects.toThrow('not a public address');
    }
    await expect(checkWebhookUrl('https://internal.example.com/x', strict, resolvesTo('93.184.216.34', '172.16.0.9'))).rejects.toThrow('not a public address');
    await expect(
      checkWebhookUrl('https://nowhere.example/x', strict, async () => {
        throw new Error('ENOTFOUND');
      }),
    ).rejects.toThrow('does not resolve');
    expect(await checkWebhookUrl('https://hooks.example.com/in#frag', strict, resolvesTo('93.184.216.34', '2606:2800:220:1::1'))).toBe('https://hooks.example.com/in');
  });

  it('allows private targets outside production, or with EARSHOT_WEBHOOK_ALLOW_PRIVATE=true', async () => {
    expect(await checkWebhookUrl('http://127.0.0.1:9000/hook', open)).toBe('http://127.0.0.1:9000/hook');
    expect(webhookUrlPolicy(true, {})).toEqual(strict);
    expect(webhookUrlPolicy(true, { EARSHOT_WEBHOOK_ALLOW_PRIVATE: 'true' })).toEqual(open);
    expect(webhookUrlPolicy(true, { EARSHOT_WEBHOOK_ALLOW_PRIVATE: 'no' })).toEqual(strict);
    expect(webhookUrlPolicy(false, {})).toEqual(open);
  });

  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '64:ff9b::a00:1', 'nonsense']) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:2800:220:1::1', '::ffff:8.8.8.8']) {
      expect(isNonPublicAddress(a), a).toBe(false);
    }
  });
});
