import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  AuthenticationError,
  can,
  formatKey,
  keyFromAuthorization,
  mayReview,
  parseKey,
  ROLES,
  workspaceSlugProblem,
  type Action,
  type Role,
} from '../../src/domain/access.js';
import { ErrorCode } from '../../src/domain/error-codes.js';

/** The whole role/action matrix of issue #21, written out: y = allowed. */
const MATRIX: Record<Action, Record<Role, 'y' | '-'>> = {
  read: /*               */ { reader: 'y', editor: 'y', reviewer: 'y', admin: 'y' },
  createFramework: /*    */ { reader: '-', editor: 'y', reviewer: '-', admin: 'y' },
  upsertRequirements: /* */ { reader: '-', editor: 'y', reviewer: '-', admin: 'y' },
  createMappingSet: /*   */ { reader: '-', editor: 'y', reviewer: '-', admin: 'y' },
  proposeMappings: /*    */ { reader: '-', editor: 'y', reviewer: '-', admin: 'y' },
  reviewMappings: /*     */ { reader: '-', editor: '-', reviewer: 'y', admin: 'y' },
  retireMappings: /*     */ { reader: '-', editor: '-', reviewer: 'y', admin: 'y' },
  deleteFramework: /*    */ { reader: '-', editor: '-', reviewer: '-', admin: 'y' },
  readAudit: /*          */ { reader: '-', editor: '-', reviewer: '-', admin: 'y' },
};

const SECRET = 'A'.repeat(42) + 'g'; // a canonical 43-character base64url text
const KEY = formatKey('0123456789abcdef', SECRET);

describe('can(role, action)', () => {
  it('covers every action of the issue, and only those', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(ACTIONS.flatMap((action) => ROLES.map((role) => [role, action, MATRIX[action][role] === 'y'] as const)))('%s may %s: %s', (role, action, allowed) => {
    expect(can(role, action)).toBe(allowed);
  });
});

describe('mayReview(reviewer, proposerKeyId)', () => {
  it('lets a reviewer or an admin review what another key proposed', () => {
    expect(mayReview({ keyId: 'r', role: 'reviewer' }, 'e')).toBe(true);
    expect(mayReview({ keyId: 'a', role: 'admin' }, 'e')).toBe(true);
  });

  it('never lets a key review its own proposal, admins included', () => {
    expect(mayReview({ keyId: 'r', role: 'reviewer' }, 'r')).toBe(false);
    expect(mayReview({ keyId: 'a', role: 'admin' }, 'a')).toBe(false);
  });

  it('never lets readers or editors review at all', () => {
    expect(mayReview({ keyId: 'x', role: 'editor' }, 'e')).toBe(false);
    expect(mayReview({ keyId: 'x', role: 'reader' }, 'e')).toBe(false);
  });
});

describe('parseKey', () => {
  it('reads a well-formed key into its id and secret', () => {
    expect(parseKey(KEY)).toEqual({ keyId: '0123456789abcdef', secret: SECRET });
  });

  it.each([
    ['empty', ''],
    ['another prefix', KEY.replace('cwk_', 'cwx_')],
    ['upper-case key id', KEY.replace('abcdef', 'ABCDEF')],
    ['short key id', `cwk_0123456789abcde_${SECRET}A`],
    ['missing separator', KEY.replace('f_', 'fA')],
    ['short secret', KEY.slice(0, -1)],
    ['long secret', `${KEY}A`],
    ['padding', `${KEY.slice(0, -1)}=`],
    ['a character outside base64url', KEY.replace('AAAA', 'AA+A')],
    ['a non-canonical last character (padding bits set)', `${KEY.slice(0, -1)}h`],
    ['trailing space', `${KEY} `],
  ])('refuses %s with UNAUTHENTICATED, without echoing the key', (_, text) => {
    let thrown: unknown;
    try {
      parseKey(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthenticationError);
    expect((thrown as AuthenticationError).code).toBe(ErrorCode.UNAUTHENTICATED);
    if (text.length > 8) expect((thrown as Error).message).not.toContain(text.slice(4));
  });

  it('never crashes on random text: it parses or throws AuthenticationError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^cwk_[0-9a-f_]{0,20}[A-Za-z0-9_=+/-]{0,50}$/)), (text) => {
        try {
          const parsed = parseKey(text);
          expect(formatKey(parsed.keyId, parsed.secret)).toBe(text);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthenticationError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every key formatted from 16 hex digits and 32 bytes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{16}$/), fc.uint8Array({ minLength: 32, maxLength: 32 }), (keyId, bytes) => {
        const secret = Buffer.from(bytes).toString('base64url');
        expect(parseKey(formatKey(keyId, secret))).toEqual({ keyId, secret });
      }),
    );
  });
});

describe('keyFromAuthorization', () => {
  it('is anonymous (null) without a header or with an empty one', () => {
    expect(keyFromAuthorization(undefined)).toBeNull();
    expect(keyFromAuthorization('')).toBeNull();
    expect(keyFromAuthorization('   ')).toBeNull();
  });

  it('reads "Bearer <key>", the scheme in any case', () => {
    expect(keyFromAuthorization(`Bearer ${KEY}`)?.keyId).toBe('0123456789abcdef');
    expect(keyFromAuthorization(`bearer ${KEY}`)?.keyId).toBe('0123456789abcdef');
  });

  it.each([`Basic ${KEY}`, KEY, `Bearer ${KEY} extra`, 'Bearer', 'Bearer not-a-key'])('refuses %s as UNAUTHENTICATED', (header) => {
    expect(() => keyFromAuthorization(header)).toThrow(AuthenticationError);
  });
});

describe('workspaceSlugProblem', () => {
  it.each(['acme', 'client-2026', 'a1', 'x'.repeat(40)])('accepts %s', (slug) => {
    expect(workspaceSlugProblem(slug)).toBeNull();
  });

  it.each(['', 'a', 'Acme', '1acme', 'acme-', 'ac--me', 'ac_me', 'acme:controls', '../etc', 'x'.repeat(41)])('refuses %j, saying what a name is', (slug) => {
    expect(workspaceSlugProblem(slug)).toMatch(/2 to 40 lowercase letters/);
  });

  it.each(['risk', 'discipline', 'evidence', 'source', 'mapping-set', 'mapping', 'no-relationship'])('refuses %j, a prefix of other ids', (slug) => {
    expect(workspaceSlugProblem(slug)).toMatch(/reserved/);
  });
});
