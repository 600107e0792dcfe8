import type { ApiRequest, ApiResponse, Route } from './routes.ts';

/** An owner as `GET /crm/v3/owners` returns it (`PublicOwner`). */
export interface Owner {
  id: string;
  email: string;
  type: 'PERSON';
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  teams: { id: string; name: string; primary: boolean }[];
}

export interface OwnerSeed {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  /** The user id; assigning a contact needs `id`, never this. */
  userId: number;
  team?: string;
}

/** Made-up sales owners the demo workflows assign leads to. */
export const DEFAULT_OWNERS: OwnerSeed[] = [
  {
    id: '71000001',
    email: 'owner-001@example.com',
    firstName: 'Owner',
    lastName: 'One',
    userId: 9100001,
    team: 'Sales',
  },
  {
    id: '71000002',
    email: 'owner-002@example.com',
    firstName: 'Owner',
    lastName: 'Two',
    userId: 9100002,
    team: 'Sales',
  },
  {
    id: '71000003',
    email: 'owner-003@example.com',
    firstName: 'Owner',
    lastName: 'Three',
    userId: 9100003,
    team: 'Customer success',
  },
];

export function toOwner(seed: OwnerSeed, createdAt: string): Owner {
  return {
    id: seed.id,
    email: seed.email,
    type: 'PERSON',
    firstName: seed.firstName,
    lastName: seed.lastName,
    userId: seed.userId,
    userIdIncludingInactive: seed.userId,
    createdAt,
    updatedAt: createdAt,
    archived: false,
    teams:
      seed.team === undefined
        ? []
        : [
            {
              id: `team-${seed.team.toLowerCase().replace(/\W+/g, '-')}`,
              name: seed.team,
              primary: true,
            },
          ],
  };
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 500;

/** `GET /crm/v3/owners`, paged with `limit` and the `after` cursor, filtered by `email`. */
export function ownerRoutes(
  owners: readonly Owner[],
  endpoint: () => string,
): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/crm/v3/owners',
      handler: (request) => listOwners(owners, endpoint(), request),
    },
  ];
}

function listOwners(
  owners: readonly Owner[],
  endpoint: string,
  request: ApiRequest,
): ApiResponse {
  const limit = Math.min(
    Number(request.query.get('limit') ?? DEFAULT_PAGE_SIZE) ||
      DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
  );
  const start = Number(request.query.get('after') ?? 0) || 0;
  const email = request.query.get('email');
  const matching =
    email === null ? owners : owners.filter((owner) => owner.email === email);
  const results = matching.slice(start, start + limit);
  const next = start + limit;
  if (next >= matching.length) return { status: 200, body: { results } };
  return {
    status: 200,
    body: {
      results,
      paging: {
        next: {
          after: String(next),
          link: `${endpoint}/crm/v3/owners?after=${next}&limit=${limit}`,
        },
      },
    },
  };
}
