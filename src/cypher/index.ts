/**
 * Everything Cypher, shared by the graph.cypher exporter and the Neo4j loader: statements
 * generated from schema/graph.yaml, rows and batches from a Graph, literals for the script.
 * Nothing here talks to a database (only src/load/ imports neo4j-driver).
 */
export { readGraphSchema, type CypherSchema } from './schema.js';
export { quoteIdentifier, cypherString, cypherLiteral, parseCypherString, CypherIdentifierError } from './literal.js';
export {
  nodeStatement,
  relationshipStatement,
  recountStatement,
  hasRecount,
  schemaStatements,
  propertyPlan,
  AWAIT_INDEXES,
} from './statements.js';
export {
  planLoad,
  cutBatches,
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_BATCH_BYTES,
  type LoadPlan,
  type StatementGroup,
  type BatchList,
  type PlanMessage,
  type Row,
} from './plan.js';
export { renderScript, scriptLines, scriptChunks, writeScript } from './script.js';
