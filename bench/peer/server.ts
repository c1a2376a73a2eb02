import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

/**
 * The peer for the Neo4j benchmark: the API a team would get from Neo4j's own @neo4j/graphql library
 * over the same graph, with type definitions for the labels and relationships it needs and nothing
 * else. It turns each GraphQL request into one Cypher statement. Bench only: never part of the product.
 * Prints "peer on http://127.0.0.1:PORT/" when listening.
 */

const typeDefs = /* GraphQL */ `
  type Framework @node {
    id: ID!
    name: String!
    requirements: [Requirement!]! @relationship(type: "HAS", direction: OUT)
  }

  type Requirement @node {
    id: ID!
    ref: String!
    title: String!
    frameworkId: String!
    catalogOrder: Int!
    mapsTo: [Requirement!]! @relationship(type: "MAPS_TO", direction: OUT, properties: "MapsTo")
    mappedFrom: [Requirement!]! @relationship(type: "MAPS_TO", direction: IN, properties: "MapsTo")
    disciplines: [Discipline!]! @relationship(type: "ADDRESSES", direction: OUT)
  }

  type MapsTo @relationshipProperties {
    relationship: String!
    strength: Int
  }

  type Discipline @node {
    id: ID!
    name: String!
  }
`;

async function main(): Promise<void> {
  const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD!));
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' } });
  console.log(`peer on ${url}`);
  const stop = async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
