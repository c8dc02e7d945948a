import { describe, expect, it } from 'vitest';
import { relationshipHash, relationshipHashAfter, relationshipHashPrefix } from '../src/graph/ids.js';

describe('relationshipHashPrefix + relationshipHashAfter', () => {
  it('give relationshipHash for every end of one start', () => {
    const prefix = relationshipHashPrefix('MENTIONS', 'article:001.txt');
    for (const end of ['person:3f2a00a1b2c3d4e5', 'division:0000000000000000', '吴锦', '']) {
      expect(relationshipHashAfter(prefix, end)).toBe(relationshipHash('MENTIONS', 'article:001.txt', end));
    }
  });
});
