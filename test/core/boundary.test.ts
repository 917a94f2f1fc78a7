// The core stays platform-free: no chat SDKs, no network, no environment, no clock, no file system.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const files = readdirSync('src/core').filter((f) => f.endsWith('.ts'));

describe('src/core', () => {
  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports no platform, network or file system and reads no environment or clock', (file) => {
    const code = readFileSync(`src/core/${file}`, 'utf8');
    const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^@slack\/|^discord\.js|^@discordjs\/|node:(net|http|https|fs|child_process|dgram|tls)|^(net|http|https|fs)$/);
      expect(spec.startsWith('.') ? spec : '', `${file} reaches outside the core`).not.toMatch(/^\.\.\//);
    }
    expect(code).not.toMatch(/process\.env|Date\.now\(|new Date\(\)|fetch\(/);
  });
});
