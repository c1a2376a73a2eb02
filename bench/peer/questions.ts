import { inverseRelationship } from '../../src/domain/relationships.js';
import type { Relationship } from '../../src/domain/types.js';

/**
 * The questions both this API and the @neo4j/graphql peer can express, each written for both with the
 * same fields, and how their answers are compared: ids normalised, every mapping read from the asked
 * requirement's side (the peer returns stored MAPS_TO edges in both directions; this API derives the
 * inverse), lists sorted.
 */
export interface PeerQuestion {
  name: string;
  ours: string;
  peer: string;
  /** Both answers as one comparable list of requirements. */
  fromOurs: (data: any) => NormalRequirement[];
  fromPeer: (data: any) => NormalRequirement[];
}

interface NormalRequirement {
  id: string;
  title: string;
  mappings: string[];
  disciplines: string[];
}

const EDGE = 'edges { properties { relationship strength } node { id title } }';
const PEER_FIELDS = `id title mapsToConnection { ${EDGE} } mappedFromConnection { ${EDGE} }`;

interface PeerEdge {
  properties: { relationship: Relationship; strength: number | null };
  node: { id: string; title: string };
}

const mappingKey = (otherId: string, otherTitle: string, relationship: string, strength: number | null) => `${otherId} | ${otherTitle} | ${relationship} | ${strength ?? '-'}`;

function peerRequirement(r: { id: string; title: string; mapsToConnection: { edges: PeerEdge[] }; mappedFromConnection: { edges: PeerEdge[] }; disciplines?: Array<{ id: string; name: string }> }): NormalRequirement {
  const out = r.mapsToConnection.edges.map((e) => mappingKey(e.node.id, e.node.title, e.properties.relationship, e.properties.strength));
  const inbound = r.mappedFromConnection.edges.map((e) => mappingKey(e.node.id, e.node.title, inverseRelationship(e.properties.relationship), e.properties.strength));
  return { id: r.id, title: r.title, mappings: [...out, ...inbound].sort(), disciplines: (r.disciplines ?? []).map((d) => `${d.id} | ${d.name}`).sort() };
}

function ourRequirement(r: { id: string; title: string; mappings: Array<{ relationship: string; strength: number | null; other: { id: string; title: string } }>; disciplines?: Array<{ id: string; name: string }> }): NormalRequirement {
  return {
    id: r.id,
    title: r.title,
    mappings: r.mappings.map((m) => mappingKey(m.other.id, m.other.title, m.relationship, m.strength)).sort(),
    disciplines: (r.disciplines ?? []).map((d) => `${d.id.replace(/^discipline:/, '')} | ${d.name}`).sort(),
  };
}

const OUR_MAPPINGS = 'mappings { relationship strength other { id title } }';

export const PEER_QUESTIONS: PeerQuestion[] = [
  {
    name: 'catalog page: 50 requirements of ISO 42001 with their mappings and both ends',
    ours: `{ framework(id: "iso42001") { requirements(first: 50) { nodes { id title ${OUR_MAPPINGS} } } } }`,
    peer: `{ requirements(where: { frameworkId: { eq: "iso42001" } }, sort: [{ catalogOrder: ASC }], limit: 50) { ${PEER_FIELDS} } }`,
    fromOurs: (data) => data.framework.requirements.nodes.map(ourRequirement),
    fromPeer: (data) => data.requirements.map(peerRequirement),
  },
  {
    name: "a requirement's neighbourhood: its mappings both ways and its disciplines",
    ours: `{ requirement(id: "iso42001:A.6.2.4") { id title ${OUR_MAPPINGS} disciplines { id name } } }`,
    peer: `{ requirements(where: { id: { eq: "iso42001:A.6.2.4" } }) { ${PEER_FIELDS} disciplines { id name } } }`,
    fromOurs: (data) => [ourRequirement(data.requirement)],
    fromPeer: (data) => data.requirements.map(peerRequirement),
  },
];

/** "yes (N requirements, M mappings)" when both answers hold the same, else "no: " and the first difference. */
export function comparePeerAnswers(question: PeerQuestion, ours: unknown, peer: unknown): string {
  const a = question.fromOurs(ours);
  const b = question.fromPeer(peer);
  if (a.length !== b.length) return `no: ${a.length} requirements against ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = JSON.stringify(a[i]);
    const y = JSON.stringify(b[i]);
    if (x !== y) return `no: ${a[i]!.id} differs (${x.slice(0, 120)} / ${y.slice(0, 120)})`;
  }
  return `yes (${a.length} requirements, ${a.reduce((n, r) => n + r.mappings.length, 0)} mappings)`;
}
