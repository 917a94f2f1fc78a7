import { beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, MAX_CHOICES } from '../../src/app/autocomplete.ts';
import type { Library } from '../../src/core/library.ts';
import { shippedLibrary } from '../helpers/library.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

describe('autocomplete', () => {
  it('offers actors by any alias, with their role', () => {
    expect(autocomplete(lib, 'actor', 'selen')).toEqual([{ name: 'Volodymyr Zelenskyy — President of Ukraine', value: 'Volodymyr Zelenskyy' }]);
    expect(autocomplete(lib, 'actor', 'serg').map((c) => c.value)).toEqual(['Sergei Lavrov', 'Sergei Ryabkov']);
  });

  it('offers topics by name or alias', () => {
    expect(autocomplete(lib, 'topic', 'pipe').map((c) => c.value)).toEqual(['Nord Stream 2']);
  });

  it('offers time zones, a short list when nothing is typed', () => {
    expect(autocomplete(lib, 'zone', 'berl').map((c) => c.value)).toEqual(['Europe/Berlin']);
    expect(autocomplete(lib, 'zone', '')[0]!.value).toBe('UTC');
    expect(autocomplete(lib, 'zone', 'a')).toHaveLength(MAX_CHOICES);
  });

  it('keeps every choice within Discord’s limits', () => {
    for (const field of ['actor', 'topic', 'zone'] as const) {
      for (const c of autocomplete(lib, field, '')) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
  });
});
